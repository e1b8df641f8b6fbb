// Plain TypeScript: the define entries register both tags, and
// HTMLElementTagNameMap types querySelector and the events.
import 'anubhav-widgets/define/anubhav-feedback.js';
import 'anubhav-widgets/define/station-qr.js';
import type { StationDirectory } from 'anubhav-widgets';

const stations: StationDirectory = [
  { id: 'BSP-CIVIL-LINES', name: { hi: 'सिविल लाइन', en: 'Civil Lines' }, district: { id: 'bilaspur', name: { hi: 'बिलासपुर', en: 'Bilaspur' } } },
];

const form = document.querySelector('anubhav-feedback')!;
form.stations = stations;
form.addEventListener('feedback-sent', (event) => {
  const sent = document.querySelector<HTMLParagraphElement>('#sent')!;
  sent.textContent = `Sent: ${event.detail.reference}`;
  sent.hidden = false;
});
