/** The inbox: cases newest first, money demanded on top, with filters and live arrivals. */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { istDay } from '../core/days.js';
import { districtsOf, nameOf, CASE_STATUSES, type CaseStatus, type CaseSummary } from '../core/office.js';
import { FLAGS, type Flag } from '../core/flags.js';
import type { AnubhavConsole } from './anubhav-console.js';
import { dateField, selectField } from './fields.js';

export interface InboxFilter {
  district?: string;
  station?: string;
  status?: CaseStatus;
  flag?: Flag;
  /** `YYYY-MM-DD`, inclusive. */
  since?: string;
  until?: string;
}

/** Whether a case that arrived live belongs in the filtered inbox. */
export function matches(c: CaseSummary, f: InboxFilter): boolean {
  const day = istDay(c.receivedAt);
  return (!f.district || c.district === f.district) && (!f.station || c.station === f.station)
    && (!f.status || c.status === f.status) && (!f.flag || c.flags.includes(f.flag))
    && (!f.since || day >= f.since) && (!f.until || day <= f.until);
}

export function renderInbox(c: AnubhavConsole) {
  const m = c.m;
  const lang = c.currentLang;
  const stations = c.directory?.stations ?? [];
  const f = c.filter;
  return html`<h2 tabindex="-1">${m.nav.inbox}</h2>
    <p class="live ${c.live.connected ? 'on' : 'off'}">${c.live.connected ? m.liveOn : m.liveOff}</p>
    <form class="filters" @submit=${c.setFilter} aria-label=${m.filters} novalidate>
      ${selectField('district', m.district, f.district, districtsOf(stations).map((d) => [d.id, d.name[lang]]), m.allDistricts)}
      <div class="field">
        <label for="station">${m.station}</label>
        <select id="station" name="station">
          <option value="" ?selected=${!f.station}>${m.allStations}</option>
          ${districtsOf(stations).map((d) => html`<optgroup label=${d.name[lang]}>
            ${stations.filter((s) => s.district.id === d.id).map((s) => html`<option value=${s.id} ?selected=${s.id === f.station}>${s.name[lang]}</option>`)}
          </optgroup>`)}
        </select>
      </div>
      ${selectField('status', m.status, f.status, CASE_STATUSES.map((s) => [s, m.statuses[s]]), m.allStatuses)}
      ${selectField('flag', m.flag, f.flag, (Object.keys(FLAGS) as Flag[]).map((x) => [x, m.flags[x]]), m.allFlags)}
      ${dateField(c, 'since', m.dateFrom, f.since ?? '')}
      ${dateField(c, 'until', m.dateTo, f.until ?? '')}
      <div class="actions">
        <button type="submit">${m.apply}</button>
        <button type="button" class="secondary" @click=${c.clearFilter}>${m.clearFilters}</button>
      </div>
    </form>
    <p class="export"><a href=${c.exportUrl()} download>${m.exportCsv}</a> <span class="hint">${m.exportHint}</span></p>
    ${c.loaded(c.inboxTask, '', () => (c.cases.length ? html`<ol class="cases">
        ${repeat(c.cases, (x) => x.reference, (x) => item(c, x, nameOf(stations, x.station, lang), x.district ? nameOf(stations, x.district, lang, true) : ''))}
      </ol>
      ${c.next ? html`<button type="button" class="secondary more" @click=${c.loadMore}>${m.loadMore}</button>` : nothing}`
    : html`<p>${m.noCases}</p>`))}`;
}

function item(c: AnubhavConsole, x: CaseSummary, station: string, district: string) {
  const m = c.m;
  const rating = (v: unknown) => (typeof v === 'number' ? v : '—');
  return html`<li class="case ${x.flags.includes('money') ? 'money' : ''}">
    <a href="#/case/${encodeURIComponent(x.reference)}" class="ref">${x.reference}</a>
    ${c.unread.has(x.reference) ? html`<span class="badge">${m.newBadge}</span>` : nothing}
    <span class="where">${station}${district ? html`, ${district}` : nothing}</span>
    <span class="when">${c.time(x.receivedAt)}</span>
    <span class="status s-${x.status}">${m.statuses[x.status]}</span>
    <span class="ratings">${m.overall}: ${rating(x.overall)} · ${m.staffBehaviour}: ${rating(x.staffBehaviour)}</span>
    ${x.flags.length ? html`<ul class="flags">${x.flags.map((fl) => html`<li class="flag f-${fl}">${m.flags[fl]}</li>`)}</ul>` : nothing}
  </li>`;
}
