/** Registers `<anubhav-feedback>`; safe to import more than once. */
import { AnubhavFeedback } from '../anubhav-feedback/anubhav-feedback.js';

export { AnubhavFeedback };

if (!customElements.get('anubhav-feedback')) customElements.define('anubhav-feedback', AnubhavFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'anubhav-feedback': AnubhavFeedback;
  }
}
