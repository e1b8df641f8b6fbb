import { css } from 'lit';

/*
 * Mobile first: one column, 48 px touch targets, and a line height that
 * leaves room for Devanagari matras above and below the line.
 */
export const styles = css`
  :host {
    --_accent: var(--anubhav-accent, #0b5394);
    --_radius: var(--anubhav-radius, 8px);
    --_surface: var(--anubhav-surface, #fff);
    --_text: var(--anubhav-text, #1b1b1b);
    --_error: var(--anubhav-error, #b3261e);
    --_muted: #505a5f;
    --_focus: #fd0;
    display: block;
    max-width: 40rem;
    color: var(--_text);
    background: var(--_surface);
    font-size: calc(1rem * var(--anubhav-font-scale, 1));
    line-height: 1.6;
    overflow-wrap: break-word;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: border-box; }

  .root { padding: 1rem; }
  h2 { font-size: 1.5em; line-height: 1.3; margin: 0; }
  h3 { font-size: 1.125em; line-height: 1.3; margin: 0 0 0.5em; }
  p { margin: 0 0 0.75em; }

  .header { display: flex; flex-wrap: wrap; align-items: flex-start; justify-content: space-between; gap: 0.75em; margin-bottom: 0.5em; }
  .intro, .loading { color: var(--_muted); }

  .emergency {
    border-left: 6px solid var(--_error);
    background: #fdf2f1;
    padding: 0.6em 0.8em;
  }
  .emergency a { color: var(--_error); font-weight: 700; font-size: 1.15em; }

  .station-line {
    background: #eef3f8;
    border-radius: var(--_radius);
    padding: 0.6em 0.8em;
  }
  .notice { border-left: 6px solid var(--_accent); padding-left: 0.8em; }

  form { margin-top: 1.25em; }

  fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
  .question, .field { margin: 0 0 1.5em; }
  legend, .field > label {
    display: block;
    font-weight: 700;
    font-size: 1.0625em;
    line-height: 1.4;
    margin-bottom: 0.5em;
    padding: 0;
  }
  .req { font-weight: 400; color: var(--_muted); font-size: 0.875em; }
  .hint { color: var(--_muted); margin-bottom: 0.5em; }

  .invalid { border-left: 5px solid var(--_error); padding-left: 0.75em; }
  .field-error { color: var(--_error); font-weight: 700; margin-bottom: 0.4em; }

  /* Choices and ratings: each option's label is its whole tap target. */
  .option { position: relative; display: flex; }
  .option label {
    flex: 1;
    display: flex; align-items: center;
    border: 1px solid #6f777b;
    border-radius: var(--_radius);
    cursor: pointer;
    overflow-wrap: anywhere;
  }

  /* Choices: full-width rows. */
  /* One column that may shrink: a long word breaks rather than push the page sideways at large text. */
  .choice .options { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.5em; }
  .choice .option input {
    position: absolute; left: 0.75em; top: 50%;
    width: 1.5em; height: 1.5em; margin: -0.75em 0 0;
    accent-color: var(--_accent);
  }
  .choice .option label { min-height: 48px; padding: 0.5em 0.75em 0.5em 2.75em; }
  .choice .option input:checked + label { border: 2px solid var(--_accent); background: #eef3f8; }

  /* Ratings: five equal buttons in one row; the native radio stays for
     keyboard and screen readers but is drawn as the button. */
  /* Five in a row while their words fit; at large text they wrap rather than overlap. */
  .rating .options { display: flex; flex-wrap: wrap; gap: 0.35em; }
  .rating .option { flex: 1 0 min-content; }
  .rating .option input { position: absolute; opacity: 0; width: 100%; height: 100%; margin: 0; cursor: pointer; }
  .rating .option label {
    overflow-wrap: normal;
    min-height: 64px;
    flex-direction: column; justify-content: center;
    text-align: center;
    font-weight: 700; font-size: 1.25em; line-height: 1.2;
    padding: 0.35em 0.15em;
  }
  .rating .sub { font-weight: 400; font-size: 0.7em; line-height: 1.25; margin-top: 0.25em; }
  .rating .option input:checked + label { background: var(--_accent); border-color: var(--_accent); color: #fff; }

  input[type='text'], input[type='tel'], input[type='date'], textarea, select {
    font: inherit;
    width: 100%;
    min-height: 48px;
    padding: 0.5em 0.6em;
    border: 2px solid #0b0c0c;
    border-radius: var(--_radius);
    background: #fff;
    color: #0b0c0c;
  }
  input[type='date'] { max-width: 14em; }
  select:disabled { border-color: #b1b4b6; color: var(--_muted); }
  textarea { resize: vertical; }
  .invalid input, .invalid textarea, .invalid select { border-color: var(--_error); }
  .counter { color: var(--_muted); margin: 0.35em 0 0; }
  .counter.over { color: var(--_error); font-weight: 700; }

  .checkbox { display: flex; align-items: flex-start; gap: 0.6em; margin-bottom: 0.6em; }
  .checkbox input { width: 1.6em; height: 1.6em; margin: 0.15em 0 0; flex: none; accent-color: var(--_accent); }
  .checkbox label { cursor: pointer; padding-top: 0.1em; }

  .identity { background: #f3f2f1; border-radius: var(--_radius); padding: 1em; }
  .identity legend { float: left; width: 100%; margin-bottom: 0.75em; }
  .identity legend + * { clear: left; }
  .privacy { border-top: 1px solid #b1b4b6; padding-top: 0.75em; font-size: 0.9375em; }

  button {
    font: inherit;
    font-weight: 700;
    min-height: 48px;
    padding: 0.5em 1.25em;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .primary { width: 100%; border: 0; background: var(--_accent); color: #fff; font-size: 1.125em; }
  .primary:disabled { opacity: 0.7; cursor: progress; }
  .secondary, .lang-switch { border: 2px solid var(--_accent); background: #fff; color: var(--_accent); }
  .lang-switch { min-height: 44px; padding: 0.25em 0.9em; font-weight: 600; flex: none; }

  /* GOV.UK's focus style: yellow with a dark underline, visible on any page. */
  :is(a, button, input, select, textarea, .error-summary, .status):focus-visible, .option input:focus-visible + label, input[type='date']:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 5px #0b0c0c;
  }
  .error-summary:focus { outline: 3px solid var(--_focus); }

  .error-summary, .config-error { border: 5px solid var(--_error); padding: 1em; }
  .error-summary { margin-bottom: 1.5em; }
  .error-summary ul, .config-error ul { margin: 0; padding-left: 1.1em; }
  .error-summary li { margin-bottom: 0.35em; }
  .error-summary a { color: var(--_error); font-weight: 700; }

  .status:not(:empty) {
    margin: 1em 0;
    padding: 0.75em 1em;
    border-radius: var(--_radius);
    background: #eef3f8;
    font-weight: 600;
  }
  .done { text-align: center; margin-top: 1.25em; display: grid; gap: 0.75em; justify-items: center; }
  /* The honeypot: off screen and out of the tab order; people never meet it. */
  .trap { position: absolute; left: -100vw; width: 1px; height: 1px; overflow: hidden; }
  .reference {
    font-size: 2em; font-weight: 700; letter-spacing: 0.05em;
    font-family: ui-monospace, "Noto Sans Mono", monospace;
  }

  /*
   * GOV.UK's rule, less what the shadow root makes moot: every browser with
   * shadow DOM has clip-path (so no clip), and nothing here gives the span a
   * margin, padding or border, nor can page styles reach it (so no resets
   * and no !important).
   */
  .visually-hidden {
    position: absolute;
    width: 1px; height: 1px;
    overflow: hidden; clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (min-width: 40em) {
    .root { padding: 1.5rem; }
    .primary { width: auto; }
  }
`;
