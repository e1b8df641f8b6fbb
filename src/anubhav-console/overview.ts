/** The overview: the range, each district and its stations, worst first. */
import { html, nothing } from 'lit';
import { fill } from '../core/i18n.js';
import { addWeeks, averageOf, nameOf, shareOf, within20Of, worstFirst, type Figures, type Summary, type Week } from '../core/office.js';
import type { AnubhavConsole } from './anubhav-console.js';
import { renderTrend } from './trend.js';
import { dateField, kindField } from './fields.js';

export function renderOverview(c: AnubhavConsole) {
  const m = c.m;
  const dates = c.defaultDates();
  return html`<h2 tabindex="-1">${m.nav.overview}</h2>
    <form class="filters" @submit=${c.setDates} novalidate>
      ${dateField(c, 'from', m.dateFrom, dates.from)}
      ${dateField(c, 'to', m.dateTo, dates.to)}
      ${kindField(c)}
      <button type="submit">${m.apply}</button>
    </form>
    ${c.loaded(c.summaryTask, `${c.from}|${c.to}|${c.kind}`, (s) => table(c, s))}`;
}

function table(c: AnubhavConsole, s: Summary) {
  const m = c.m;
  const lang = c.currentLang;
  const stations = c.directory?.stations ?? [];
  if (!s.total.count) return html`<p>${m.noData}</p>`;
  // Dial 112's own measure: how many vehicles came within 20 minutes.
  const arrival = s.questions.some((q) => q.id === 'arrival');
  const row = (kind: 'range' | 'district' | 'station', name: string, f: Figures, weeks: Week[], toggle?: unknown) => {
    const overall = averageOf(f, 'overall');
    const staff = averageOf(f, 'staffBehaviour');
    const money = shareOf(f, 'moneyDemanded', 'yes');
    const within20 = within20Of(f);
    return html`<tr class=${kind}>
      <th scope="row">${toggle ?? name}</th>
      <td>${c.number(f.count)}</td>
      <td class=${overall !== undefined && overall < 3 ? 'poor' : ''}>${overall === undefined ? '—' : c.number(overall)}</td>
      ${arrival ? html`<td>${within20 === undefined ? '—' : c.number(within20, 'percent')}</td>` : nothing}
      <td>${staff === undefined ? '—' : c.number(staff)}</td>
      <td class=${money ? 'poor' : ''}>${money === undefined ? '—' : c.number(money, 'percent')}</td>
      <td>${renderTrend(c, name, weeks)}</td>
    </tr>`;
  };
  // The caption sits outside the scrolling box, so that a narrow screen
  // shows all of it.
  return html`<p class="caption" id="overview-caption">${fill(m.overviewCaption, { from: c.time(s.from, true), to: c.time(s.to, true) })}</p>
  <div class="scroll" role="region" tabindex="0" aria-labelledby="overview-caption">
    <table class="overview" aria-labelledby="overview-caption">
      <thead><tr>
        <th scope="col">${m.district} / ${m.station}</th><th scope="col">${m.responses}</th><th scope="col">${m.overall}</th>
        ${arrival ? html`<th scope="col">${m.within20}</th>` : nothing}
        <th scope="col">${arrival ? m.crewBehaviour : m.staffBehaviour}</th><th scope="col">${m.moneyShare}</th><th scope="col">${m.trend}</th>
      </tr></thead>
      <tbody>
        ${row('range', m.wholeRange, s.total, addWeeks(s.districts.map((d) => d.weeks)))}
        ${worstFirst(s.districts).map((d) => {
          const name = nameOf(stations, d.id, lang, true);
          const open = c.expanded.has(d.id);
          const toggle = html`<button type="button" class="toggle" aria-expanded=${open ? 'true' : 'false'}
            aria-label=${fill(m.showStations, { name })} @click=${() => c.toggle(d.id)}><span aria-hidden="true">${open ? '▾' : '▸'}</span> ${name}</button>`;
          return html`${row('district', name, d, d.weeks, toggle)}
            ${open ? worstFirst(s.stations.filter((x) => x.district === d.id))
              .map((x) => row('station', nameOf(stations, x.id, lang), x, x.weeks)) : nothing}`;
        })}
      </tbody>
    </table>
  </div>`;
}
