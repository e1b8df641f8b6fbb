/** The audit log: every view, export and erasure of contact details. */
import { html } from 'lit';
import type { AnubhavConsole } from './anubhav-console.js';

export function renderAudit(c: AnubhavConsole) {
  const m = c.m;
  return html`<h2 tabindex="-1">${m.nav.audit}</h2>
    ${c.loaded(c.auditTask, '', () => (c.audit.entries.length ? html`<div class="scroll" role="region" tabindex="0" aria-labelledby="audit-caption">
        <table>
          <caption id="audit-caption">${m.auditCaption}</caption>
          <thead><tr><th scope="col">${m.at}</th><th scope="col">${m.who}</th><th scope="col">${m.action}</th><th scope="col">${m.reference}</th></tr></thead>
          <tbody>${c.audit.entries.map((e) => html`<tr>
            <td><time datetime=${e.at}>${c.time(e.at)}</time></td><td>${e.who}</td><td>${m.actions[e.action] ?? e.action}</td>
            <td><a href="#/case/${encodeURIComponent(e.reference)}">${e.reference}</a></td>
          </tr>`)}</tbody>
        </table>
      </div>
      ${c.audit.next ? html`<button type="button" class="secondary more" @click=${c.moreAudit}>${m.loadMore}</button>` : ''}`
    : html`<p>${m.noAudit}</p>`))}`;
}
