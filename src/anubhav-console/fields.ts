/** Labelled fields of the console's forms, each showing its own error GOV.UK's way. */
import { html, nothing } from 'lit';
import { STATION_KINDS } from '../core/schema.js';
import type { AnubhavConsole } from './anubhav-console.js';

const errorOf = (c: AnubhavConsole, id: string) => (c.formError?.field === id ? c.formError.message : '');

/** The error line and the control's ARIA, for field `id`. */
function describe(c: AnubhavConsole, id: string, hint?: string) {
  const error = errorOf(c, id);
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    error,
    line: html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}${error
      ? html`<p class="error" id="${id}-error"><span class="visually-hidden">${c.m.errorPrefix}</span> ${error}</p>` : nothing}`,
    describedBy: ids || nothing,
    invalid: error ? 'true' : 'false',
  };
}

export function dateField(c: AnubhavConsole, id: string, label: string, value: string, type: 'date' | 'month' = 'date') {
  const d = describe(c, id);
  return html`<div class="field ${d.error ? 'invalid' : ''}">
    <label for=${id}>${label}</label>${d.line}
    <input id=${id} name=${id} type=${type} .value=${value} aria-describedby=${d.describedBy} aria-invalid=${d.invalid}>
  </div>`;
}

/** The reports' choice of units: those on the station questions, or one kind, each on its own questions. */
export function kindField(c: AnubhavConsole) {
  const kinds = c.m.kinds;
  return selectField('kind', c.m.kind, c.kind, STATION_KINDS.map((k) => [k, kinds[k]]), kinds['']);
}

export function selectField(id: string, label: string, value: string | undefined, options: [string, string][], any?: string) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} name=${id}>
      ${any ? html`<option value="" ?selected=${!value}>${any}</option>` : nothing}
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>
  </div>`;
}

export function textField(c: AnubhavConsole, id: string, label: string, value: string, hint?: string, long = false) {
  const d = describe(c, id, hint);
  return html`<div class="field ${d.error ? 'invalid' : ''}">
    <label for=${id}>${label}</label>${d.line}
    ${long
      ? html`<textarea id=${id} name=${id} rows="3" maxlength="2000" aria-describedby=${d.describedBy} aria-invalid=${d.invalid}></textarea>`
      : html`<input id=${id} name=${id} .value=${value} maxlength="100" autocomplete="off" aria-describedby=${d.describedBy} aria-invalid=${d.invalid}>`}
  </div>`;
}
