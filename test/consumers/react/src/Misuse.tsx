// Misuse that must not compile. Each line fails `tsc -b` if its error goes
// away, so loosened types (any, string) are caught.
import 'anubhav-widgets/define/anubhav-feedback.js';
import 'anubhav-widgets/define/station-qr.js';
import type {} from 'anubhav-widgets/react';

export function Misuse() {
  return (
    <>
      {/* @ts-expect-error lang is 'hi' | 'en' */}
      <anubhav-feedback lang="fr" />
      {/* @ts-expect-error size is a number of CSS pixels */}
      <station-qr station="X" form-url="https://example.gov.in/f" size="big" />
      {/* @ts-expect-error the detail has `reference`, not `referense` */}
      <anubhav-feedback onfeedback-sent={(event) => console.log(event.detail.referense)} />
      {/* @ts-expect-error stations is a station directory, not a URL (that is stations-src) */}
      <anubhav-feedback stations="/stations.json" />
    </>
  );
}
