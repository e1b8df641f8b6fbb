/**
 * Registers the hosted page's `<anubhav-feedback>` (see `HostedFeedback`);
 * safe to import more than once. The collector imports it to render the
 * form on the server, and the hosted page's script to hydrate it: the same
 * class and the same templates on both sides, as hydration needs.
 */
import { HostedFeedback } from '../anubhav-feedback/hosted-feedback.js';

export { HostedFeedback };

if (!customElements.get('anubhav-feedback')) customElements.define('anubhav-feedback', HostedFeedback);
