import { useState } from 'react';
import 'anubhav-widgets/define/anubhav-feedback.js';
import 'anubhav-widgets/define/station-qr.js';
import type {} from 'anubhav-widgets/react';
import type { StationDirectory } from 'anubhav-widgets';

const stations: StationDirectory = [
  { id: 'BSP-CIVIL-LINES', name: { hi: 'सिविल लाइन', en: 'Civil Lines' }, district: { id: 'bilaspur', name: { hi: 'बिलासपुर', en: 'Bilaspur' } } },
];

export default function App() {
  const [reference, setReference] = useState('');
  return (
    <main>
      <anubhav-feedback endpoint="/api/feedback" station="BSP-CIVIL-LINES" lang="hi" stations={stations}
        onfeedback-sent={(event) => setReference(event.detail.reference)} />
      {reference && <p id="sent">Sent: {reference}</p>}
      <station-qr station="BSP-CIVIL-LINES" form-url="https://bilaspurpolice.example.gov.in/feedback"
        station-name="सिविल लाइन" district-name="बिलासपुर" size={200} />
    </main>
  );
}
