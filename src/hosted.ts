/**
 * The hosted page's script (`dist/anubhav-hosted.js`), served by the
 * collector at `/f/` under a fingerprinted name. Lit's hydration support
 * must run before Lit itself, so it is the first import: the element then
 * takes over the form the server rendered, in place, instead of drawing a
 * second one. The drop-ins do not carry it.
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import './define/hosted-feedback.js';
