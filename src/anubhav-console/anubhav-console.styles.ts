import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--anubhav-accent, #0b5394);
    --_text: var(--anubhav-text, #1b1b1b);
    --_error: var(--anubhav-error, #b3261e);
    --_surface: var(--anubhav-surface, #fff);
    --_muted: #505a5f;
    --_line: #6f777b;
    --_focus: #ffdd00;
    display: block;
    color: var(--_text);
    font: inherit;
    line-height: 1.5;
    overflow-wrap: break-word;
  }
  * { box-sizing: border-box; }

  header {
    display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between;
    padding: 0.75rem 1rem; background: #0b0c0c; color: #fff;
  }
  h1 { font-size: 1.25rem; margin: 0; }
  .account { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; }
  header button.link { color: #fff; }

  nav { background: var(--_surface); border-bottom: 1px solid #b1b4b6; padding: 0 1rem; }
  nav ul { display: flex; flex-wrap: wrap; gap: 0 0.25rem; list-style: none; margin: 0; padding: 0; }
  nav a {
    display: inline-block; padding: 0.75rem 0.75rem; color: var(--_accent); text-decoration: none;
    border-bottom: 4px solid transparent; font-weight: 600;
  }
  nav a[aria-current='page'] { color: var(--_text); border-bottom-color: var(--_accent); }
  nav a:hover { text-decoration: underline; }

  main { display: block; max-width: 80rem; margin: 0 auto; padding: 1rem; }
  main > h2, main > p > a + h2 { margin-top: 0.5rem; }
  h2 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
  h3 { font-size: 1.15rem; margin: 0 0 0.5rem; }
  h2:focus { outline: none; }

  a { color: var(--_accent); }
  a:focus, button:focus, input:focus, select:focus, textarea:focus, [tabindex='0']:focus {
    outline: 3px solid var(--_focus); outline-offset: 0; box-shadow: 0 0 0 6px #0b0c0c;
  }
  a:focus { background: var(--_focus); color: #0b0c0c; box-shadow: 0 4px #0b0c0c; text-decoration: none; outline: none; }

  button {
    font: inherit; font-weight: 600; min-height: 2.75rem; padding: 0.5rem 1rem; border-radius: 4px;
    border: 2px solid var(--_accent); background: var(--_accent); color: #fff; cursor: pointer;
  }
  button.secondary { background: var(--_surface); color: var(--_accent); }
  button.danger { background: var(--_error); border-color: var(--_error); }
  button.link { background: none; border: none; color: var(--_accent); text-decoration: underline; padding: 0.25rem; min-height: 2.75rem; }
  button.more { margin-top: 1rem; }

  .field { display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 0.75rem; min-width: 10rem; }
  label { font-weight: 600; }
  input, select, textarea {
    font: inherit; padding: 0.4rem 0.5rem; min-height: 2.75rem; border: 2px solid #0b0c0c; border-radius: 0;
    background: var(--_surface); color: var(--_text); max-width: 100%;
  }
  textarea { width: 100%; }
  .hint { color: var(--_muted); margin: 0; }
  .error { color: var(--_error); font-weight: 700; margin: 0; }
  .invalid { border-left: 5px solid var(--_error); padding-left: 0.75rem; }
  .invalid input, .invalid textarea { border-color: var(--_error); }

  .error-summary {
    border: 5px solid var(--_error); padding: 1rem; margin-bottom: 1.5rem; background: var(--_surface);
  }
  .error-summary:focus { outline: 3px solid var(--_focus); }
  .error-summary a { color: var(--_error); font-weight: 700; }

  .sign-in { max-width: 30rem; }
  .sign-in input { width: 100%; }

  .filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-end; margin-bottom: 0.5rem; }
  .filters .actions, .filters > button { display: flex; gap: 0.5rem; margin-bottom: 0.75rem; }
  .export { margin: 0 0 1rem; }
  .live { margin: 0 0 1rem; color: var(--_muted); }
  .live.on::before { content: '●'; color: #00703c; margin-inline-end: 0.4em; }

  .scroll { overflow-x: auto; max-width: 100%; margin-bottom: 1.5rem; }
  table { border-collapse: collapse; width: 100%; background: var(--_surface); }
  caption, .caption { text-align: start; font-weight: 700; font-size: 1.1rem; padding: 0.5rem 0; margin: 0; }
  th, td { text-align: start; padding: 0.5rem 0.75rem; border-bottom: 1px solid #b1b4b6; vertical-align: middle; }
  thead th { border-bottom: 2px solid #0b0c0c; }
  td { font-variant-numeric: tabular-nums; }
  tr.range th, tr.range td { font-weight: 700; background: #f3f2f1; }
  tr.station th { padding-inline-start: 2.25rem; font-weight: 400; }
  /* On a narrow screen the table scrolls sideways; its names stay in view. */
  tbody th { position: sticky; left: 0; background: var(--_surface); z-index: 1; }
  tr.range th { background: #f3f2f1; }
  td.poor { color: var(--_error); font-weight: 700; }
  .toggle { background: none; border: none; color: var(--_accent); padding: 0.25rem; text-align: start; min-height: 2.75rem; }
  .trend { display: block; overflow: visible; }
  .trend polyline { fill: none; stroke: var(--_accent); stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
  .trend circle { fill: var(--_accent); }
  .trend .mid { stroke: #b1b4b6; stroke-dasharray: 2 2; }

  .cases { list-style: none; margin: 0; padding: 0; }
  .case {
    display: grid; grid-template-columns: minmax(9rem, auto) 1fr auto; gap: 0.25rem 1rem; align-items: baseline;
    padding: 0.75rem; border: 1px solid #b1b4b6; border-left: 6px solid #b1b4b6; margin-bottom: 0.5rem;
    background: var(--_surface);
  }
  .case.money { border-left-color: var(--_error); }
  .case .ref { font-weight: 700; font-family: ui-monospace, monospace; font-size: 1.05rem; }
  .case .when, .case .ratings { color: var(--_muted); }
  .case .ratings, .case .flags { grid-column: 1 / -1; }
  .badge { background: #0b0c0c; color: #fff; font-size: 0.85rem; font-weight: 700; padding: 0 0.4rem; border-radius: 3px; }
  .flags { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
  .flag { border: 1px solid var(--_line); padding: 0 0.5rem; border-radius: 3px; font-size: 0.9rem; }
  .flag.f-money { background: var(--_error); border-color: var(--_error); color: #fff; font-weight: 700; }
  .flag.f-lowRating { border-color: var(--_error); color: var(--_error); }
  .status { font-weight: 700; }
  .status.s-new { color: var(--_accent); }
  .status.s-closed { color: var(--_muted); }

  .case-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 2rem; }
  .case-grid section { margin-bottom: 1.5rem; }
  .answers dl div, .facts div { padding: 0.5rem 0; border-bottom: 1px solid #d8d8d8; }
  dt { font-weight: 600; }
  dd { margin: 0; white-space: pre-wrap; }
  .facts div { display: grid; grid-template-columns: 9rem 1fr; gap: 0.5rem; }
  .notes { list-style: none; margin: 0 0 1rem; padding: 0; }
  .notes li { border-left: 4px solid #b1b4b6; padding: 0.25rem 0.75rem; margin-bottom: 0.75rem; }
  .notes p { margin: 0; }
  .notes .meta { color: var(--_muted); font-size: 0.9rem; }
  .notes .text { white-space: pre-wrap; }
  .confirm { border: 3px solid var(--_error); padding: 0.75rem; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .confirm p { flex-basis: 100%; margin: 0; font-weight: 600; }
  .callback { font-weight: 700; }
  .call-status.done { border-left: 6px solid #00703c; padding: 0.75rem 1rem; margin-bottom: 1rem; background: var(--_surface); font-weight: 600; }
  .call-status a { margin-inline-start: 0.5rem; }
  .method { max-width: 50rem; color: var(--_muted); }

  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; margin: 0; padding: 0; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; border: 0;
  }

  @media (max-width: 40rem) {
    main { padding: 0.75rem; }
    h2 { font-size: 1.35rem; }
    .case-grid { grid-template-columns: 1fr; gap: 0; }
    .case { grid-template-columns: 1fr; }
    .facts div { grid-template-columns: 1fr; gap: 0; }
    .filters .field { flex: 1 1 100%; }
    .filters select, .filters input { width: 100%; }
  }

  /* The ranking prints as a plain A4 table for the monthly crime meeting. */
  @media print {
    header, nav, .no-print, .export, .live, button { display: none !important; }
    main { max-width: none; padding: 0; }
    .scroll { overflow: visible; }
    table { font-size: 10pt; }
    th, td { padding: 0.2rem 0.4rem; }
    tr { break-inside: avoid; }
  }
`;
