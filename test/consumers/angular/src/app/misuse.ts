// Misuse that must not compile. Each line fails the build if its error goes
// away, so loosened types (any, string) are caught. Angular's templates do
// not check attributes of custom elements (CUSTOM_ELEMENTS_SCHEMA), so the
// misuse is in code, where Angular apps reach the elements (viewChild).
import type { AnubhavFeedback, StationQr } from 'anubhav-widgets';

export function misuse(form: AnubhavFeedback, qr: StationQr) {
  // @ts-expect-error lang is 'hi' | 'en'
  form.lang = 'fr';
  // @ts-expect-error size is a number of CSS pixels
  qr.size = '200px';
  // @ts-expect-error the detail has `reference`, not `referense`
  form.addEventListener('feedback-sent', (event) => console.log(event.detail.referense));
}
