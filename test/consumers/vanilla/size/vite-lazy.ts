// Vite's runtime alone: what any Vite app with a lazy chunk carries (the modulepreload polyfill and the preload helper).
import('./empty.js');
