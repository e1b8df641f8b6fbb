import { css } from 'lit';

export const styles = css`
  :host {
    --_fg: var(--anubhav-qr-color, #000);
    --_bg: var(--anubhav-qr-background, #fff);
    --_accent: var(--anubhav-accent, #0b5394);
    --_radius: var(--anubhav-radius, 8px);
    display: inline-block;
    max-width: 100%;
    font-size: calc(1rem * var(--anubhav-font-scale, 1));
    line-height: 1.5;
  }
  :host([hidden]) { display: none; }
  figure {
    margin: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.5em;
    text-align: center;
  }
  svg {
    display: block;
    max-width: 100%;
    height: auto;
    color: var(--_fg);
    background-color: var(--_bg);
  }
  figcaption { max-width: 100%; }
  p { margin: 0; }
  .instruction { font-weight: 700; font-size: 1.1em; }
  .station { font-weight: 600; }
  .url {
    font-family: ui-monospace, "Noto Sans Mono", monospace;
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
  .downloads { display: flex; flex-wrap: wrap; gap: 0.5em; justify-content: center; }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0.4em 1em;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: #fff;
    color: var(--_accent);
    cursor: pointer;
  }
  button:focus-visible { outline: 3px solid #fd0; outline-offset: 0; box-shadow: 0 0 0 5px #0b0c0c; }
  [aria-busy='true'] button { cursor: progress; opacity: 0.6; }
  /* flex-basis: a download error takes its own line under the buttons. */
  .error { color: #b3261e; border-left: 4px solid currentColor; padding-left: 0.75em; text-align: start; flex-basis: 100%; }

  /* The poster: every box is a share of the sheet's width (cqi), so the
     same design fills a phone screen, an A5 sheet or an A4 sheet. Text is
     sized from the sheet's base size in em, so that one rule below can make
     it all grow with the reader's text size. */
  :host([variant='poster']) { display: block; }
  .sheet { container-type: inline-size; width: min(100%, 148mm); margin: 0 auto; }
  .sheet.A4 { width: min(100%, 210mm); }
  .poster {
    aspect-ratio: 148 / 210;
    display: flex; flex-direction: column; align-items: center;
    background: #fff; color: #1b1b1b; text-align: center;
    line-height: 1.3; overflow: hidden;
    font-size: 3.4cqi;
  }
  .band { width: 100%; box-sizing: border-box; background: #0b3d6b; color: #fff; padding: 3cqi 6cqi; }
  .band h2 { margin: 0; font-size: 2em; }
  .band p { font-size: 0.82em; margin-top: 1cqi; }
  .poster .instruction { margin-top: 5cqi; display: flex; flex-direction: column; }
  /* 1.26 of .instruction's 1.1em: 4.7cqi. */
  .poster .instruction strong { font-size: 1.26em; }
  .poster .station { margin-top: 3cqi; font-size: 1.3em; font-weight: 700; }
  .code { position: relative; margin-top: 2cqi; width: 57cqi; }
  .code svg { width: 100%; height: auto; }
  /* No display of its own, so [hidden] hides it. */
  .logo { position: absolute; left: 39%; top: 39%; width: 22%; height: 22%; background: #fff; padding: 1%; box-sizing: border-box; }
  ::slotted([slot='logo']) { width: 100%; height: 100%; object-fit: contain; display: block; }
  .poster .url { font-size: 0.68em; margin-top: 1cqi; }
  .emergency {
    margin: auto 7cqi 5cqi; align-self: stretch;
    background: #fdf2f1; border-left: 1.4cqi solid #b3261e; color: #8c1d18;
    font-weight: 700; padding: 2cqi;
    display: flex; flex-direction: column;
  }
  /*
   * On screen the preview's text grows with the reader's text size (and
   * --anubhav-font-scale): in proportion to the host's font size against
   * the usual 16px, never below the printed proportion, and the sheet grows
   * taller to hold it. Print keeps the sheet exact. A browser without CSS
   * typed arithmetic (dividing a length by a length) drops the rule and
   * shows the printed proportion, as before.
   */
  @media screen {
    .poster { font-size: max(3.4cqi, 3.4cqi * 1em / 16px); overflow: visible; }
  }
  .sheet + .downloads { margin-top: 0.75em; }

  @media print {
    .downloads { display: none; }
    .sheet { width: 148mm; }
    .sheet.A4 { width: 210mm; }
    .poster { break-inside: avoid; }
  }
`;
