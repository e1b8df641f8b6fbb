/** Registers `<station-qr>`; safe to import more than once. */
import { StationQr } from '../station-qr/station-qr.js';

export { StationQr };

if (!customElements.get('station-qr')) customElements.define('station-qr', StationQr);

declare global {
  interface HTMLElementTagNameMap {
    'station-qr': StationQr;
  }
}
