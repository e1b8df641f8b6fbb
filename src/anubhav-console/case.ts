/** One case: every answer with its question, triage, notes and the audited contact. */
import { html, nothing } from 'lit';
import { fill } from '../core/i18n.js';
import { nameOf, CASE_STATUSES, type CaseDetail } from '../core/office.js';
import type { Lang, Question, StationKind } from '../core/schema.js';
import { en } from '../locales/en.js';
import { hi } from '../locales/hi.js';
import type { AnubhavConsole } from './anubhav-console.js';
import { selectField, textField } from './fields.js';

export function renderCase(c: AnubhavConsole) {
  const m = c.m;
  return html`<p><a href="#/inbox">${m.backToInbox}</a></p>
    <h2 tabindex="-1">${c.route.ref}</h2>
    ${c.loaded(c.caseTask, c.route.ref!, (d) => detail(c, d))}`;
}

function detail(c: AnubhavConsole, d: CaseDetail) {
  const m = c.m;
  const lang = c.currentLang;
  const stations = c.directory?.stations ?? [];
  const set = c.directory?.sets.find((s) => `${s.id}@${s.version}` === d.questionSet);
  const kind = stations.find((s) => s.id === d.station)?.kind ?? 'station';
  return html`<div class="case-grid">
    <section aria-labelledby="answers-title" class="answers">
      <h3 id="answers-title">${m.answers}</h3>
      <dl>${(set?.questions ?? Object.keys(d.answers).map((id) => ({ id, type: 'text', label: { hi: id, en: id } }) as Question))
        .filter((q) => d.answers[q.id] !== undefined)
        .map((q) => html`<div><dt>${fill(q.label[lang], { place: placeOf(lang, kind) })}</dt><dd>${answer(c, q, d.answers[q.id])}</dd></div>`)}
      </dl>
    </section>
    <div class="side">
      <section aria-labelledby="details-title">
        <h3 id="details-title">${m.details}</h3>
        <dl class="facts">
          <div><dt>${m.station}</dt><dd>${nameOf(stations, d.station, lang)}${d.district ? html`, ${nameOf(stations, d.district, lang, true)}` : nothing}</dd></div>
          <div><dt>${m.received}</dt><dd>${c.time(d.receivedAt)}</dd></div>
          <div><dt>${m.status}</dt><dd><span class="status s-${d.status}">${m.statuses[d.status]}</span></dd></div>
          ${d.flags.length ? html`<div><dt>${m.flag}</dt><dd><ul class="flags">${d.flags.map((f) => html`<li class="flag f-${f}">${m.flags[f]}</li>`)}</ul></dd></div>` : nothing}
          <div><dt>${m.sourceLabel}</dt><dd>${m.source[d.source]}</dd></div>
          <div><dt>${m.language}</dt><dd>${d.lang === 'hi' ? 'हिन्दी' : 'English'}</dd></div>
          <div><dt>${m.questionSet}</dt><dd>${d.questionSet}</dd></div>
        </dl>
      </section>
      ${triage(c, d)}
      ${contact(c, d)}
      ${notes(c, d)}
    </div>
  </div>`;
}

/** "{place}" in a question, as the form words it for the station's kind. */
const placeOf = (lang: Lang, kind: StationKind) => (lang === 'hi' ? hi : en).placeOblique[kind];

/** An answer as words: a rating with its label, a choice by its option's label. */
function answer(c: AnubhavConsole, q: Question, value: unknown) {
  const lang = c.currentLang;
  if (q.type === 'rating' && typeof value === 'number') return fill(c.m.ratingOf, { n: value });
  if (q.type === 'choice') return q.options?.find((o) => o.value === value)?.label[lang] ?? String(value);
  if (q.type === 'date' && typeof value === 'string') return c.time(`${value}T12:00:00+05:30`, true);
  return String(value);
}

function triage(c: AnubhavConsole, d: CaseDetail) {
  const m = c.m;
  if (!c.canAct) {
    return html`<section aria-labelledby="triage-title"><h3 id="triage-title">${m.triage}</h3>
      <p>${m.assignee}: ${d.assignee ?? '—'}</p><p class="hint">${m.readOnly}</p></section>`;
  }
  return html`<section aria-labelledby="triage-title">
    <h3 id="triage-title">${m.triage}</h3>
    <form @submit=${c.saveTriage} novalidate>
      ${selectField('status', m.status, d.status, CASE_STATUSES.map((s) => [s, m.statuses[s]]))}
      ${textField(c, 'assignee', m.assignee, d.assignee ?? '', m.assigneeHint)}
      <button type="submit">${m.save}</button>
    </form>
  </section>`;
}

function contact(c: AnubhavConsole, d: CaseDetail) {
  const m = c.m;
  // Only this case's contact, shown by its own "show contact".
  const shown = c.contact && c.contact.ref === c.route.ref ? c.contact.contact : undefined;
  let body: unknown;
  if (d.contactErasedAt) body = html`<p>${fill(m.erased, { date: c.time(d.contactErasedAt) })}</p>`;
  else if (!d.hasContact) body = html`<p>${m.anonymous}</p>`;
  else if (!c.session?.seesContact || !c.canAct) body = html`<p class="hint">${m.readOnly}</p>`;
  else {
    body = html`${d.callback ? html`<p class="callback">${m.callbackWanted}</p>` : nothing}
      ${shown ? html`<dl class="facts contact-shown">
          <div><dt>${m.contactName}</dt><dd>${shown.name ?? '—'}</dd></div>
          <div><dt>${m.contactMobile}</dt><dd>${shown.mobile ? html`<a href="tel:${shown.mobile}">${shown.mobile}</a>` : '—'}</dd></div>
        </dl>`
      : html`<p class="hint" id="contact-hint">${m.showContactHint}</p>
        <button type="button" aria-describedby="contact-hint" @click=${c.showContact}>${m.showContact}</button>`}
      ${c.confirmErase ? html`<div class="confirm" role="group" aria-labelledby="erase-q">
          <p id="erase-q">${m.eraseConfirm}</p>
          <button type="button" class="danger" @click=${c.erase}>${m.eraseYes}</button>
          <button type="button" class="secondary" @click=${() => c.askErase(false)}>${m.cancel}</button>
        </div>`
      : html`<p><button type="button" class="secondary erase" @click=${() => c.askErase(true)}>${m.eraseContact}</button></p>`}`;
  }
  return html`<section aria-labelledby="contact-title"><h3 id="contact-title" tabindex="-1">${m.contact}</h3>${body}</section>`;
}

function notes(c: AnubhavConsole, d: CaseDetail) {
  const m = c.m;
  return html`<section aria-labelledby="notes-title">
    <h3 id="notes-title">${m.notes}</h3>
    ${d.notes.length ? html`<ol class="notes">${d.notes.map((n) => html`<li>
        <p class="meta">${n.author} · <time datetime=${n.at}>${c.time(n.at)}</time></p><p class="text">${n.text}</p>
      </li>`)}</ol>` : html`<p>${m.noNotes}</p>`}
    ${c.canAct ? html`<form @submit=${c.addNote} novalidate>
      ${textField(c, 'note', m.noteLabel, '', undefined, true)}
      <button type="submit">${m.addNote}</button>
    </form>` : nothing}
  </section>`;
}
