/**
 * The drop-in build: `<script type="module" src="anubhav.js">` defines both
 * elements, with Lit bundled.
 */
import './define/anubhav-feedback.js';
import './define/station-qr.js';

export * from './index.js';
