// Misuse that must not compile. Svelte's markup has no @ts-expect-error,
// so the misuse is written against the very types svelte-check applies to
// `<anubhav-feedback …>` and `<station-qr …>` in markup (svelteHTML's
// IntrinsicElements). Each line fails svelte-check if its error goes away,
// so loosened types (any, string) are caught.
type Feedback = svelteHTML.IntrinsicElements['anubhav-feedback'];
type Qr = svelteHTML.IntrinsicElements['station-qr'];

// @ts-expect-error lang is 'hi' | 'en'
export const wrongLang: Feedback = { lang: 'fr' };
// @ts-expect-error size is a number of CSS pixels
export const wrongSize: Qr = { size: 'big' };
export const wrongDetail: Feedback = {
  // @ts-expect-error the detail has `reference`, not `referense`
  'onfeedback-sent': (event) => console.log(event.detail.referense),
};
