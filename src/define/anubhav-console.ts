/**
 * Registers `<anubhav-console>`, and `<anubhav-feedback>` for its phone
 * feedback view; safe to import more than once.
 */
import { AnubhavConsole } from '../anubhav-console/anubhav-console.js';
import './anubhav-feedback.js';

export { AnubhavConsole };

if (!customElements.get('anubhav-console')) customElements.define('anubhav-console', AnubhavConsole);

declare global {
  interface HTMLElementTagNameMap {
    'anubhav-console': AnubhavConsole;
  }
}
