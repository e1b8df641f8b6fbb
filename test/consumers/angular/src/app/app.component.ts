import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'anubhav-widgets/define/anubhav-feedback.js';
import 'anubhav-widgets/define/station-qr.js';
import type { FeedbackSentEvent, StationDirectory } from 'anubhav-widgets';

@Component({
  selector: 'app-root',
  // Angular checks bindings on its own components; custom elements need this schema.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <anubhav-feedback endpoint="/api/feedback" station="BSP-CIVIL-LINES" lang="hi" [stations]="stations"
        (feedback-sent)="onSent($event)"></anubhav-feedback>
      @if (reference()) { <p id="sent">Sent: {{ reference() }}</p> }
      <station-qr station="BSP-CIVIL-LINES" form-url="https://bilaspurpolice.example.gov.in/feedback"
        station-name="सिविल लाइन" district-name="बिलासपुर" [size]="200"></station-qr>
    </main>
  `,
})
export class AppComponent {
  readonly stations: StationDirectory = [
    { id: 'BSP-CIVIL-LINES', name: { hi: 'सिविल लाइन', en: 'Civil Lines' }, district: { id: 'bilaspur', name: { hi: 'बिलासपुर', en: 'Bilaspur' } } },
  ];
  readonly reference = signal('');
  // `$event` is typed from HTMLElementTagNameMap's events: no `$any($event)`.
  onSent(event: FeedbackSentEvent) {
    this.reference.set(event.detail.reference);
  }
}
