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
  .error { color: #b3261e; border-left: 4px solid currentColor; padding-left: 0.75em; text-align: start; }
  @media print { .downloads { display: none; } }
`;
