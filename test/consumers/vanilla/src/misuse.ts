// Misuse that must not compile. Each line fails the type check if its
// error goes away, so loosened types (any, string) are caught.
import 'anubhav-widgets/define/anubhav-feedback.js';
import 'anubhav-widgets/define/station-qr.js';

export function misuse(form: HTMLElementTagNameMap['anubhav-feedback'], qr: HTMLElementTagNameMap['station-qr']) {
  // @ts-expect-error lang is 'hi' | 'en'
  form.lang = 'fr';
  // @ts-expect-error size is a number of CSS pixels
  qr.size = '200px';
  // @ts-expect-error the detail has `reference`, not `referense`
  form.addEventListener('feedback-sent', (event) => console.log(event.detail.referense));
  // @ts-expect-error paper is 'A4' | 'A5'
  qr.paper = 'Letter';
}
