// A Vite app that does nothing but define the elements, measured against the matching drop-in.
import 'anubhav-widgets/define/station-qr.js';
