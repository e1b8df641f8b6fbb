/** The monthly ranking: a league table fair to small stations, printable on A4. */
import { html, nothing } from 'lit';
import { fill } from '../core/i18n.js';
import { nameOf, type RankedStation, type Ranking } from '../core/office.js';
import type { Station } from '../core/schema.js';
import type { AnubhavConsole } from './anubhav-console.js';
import { dateField, kindField } from './fields.js';

/** A vehicle's call sign and registration after its name: " (BSP-ERV-01, CG 10 ZZ 0101)". */
function vehicleOf(stations: Station[], id: string) {
  const v = stations.find((s) => s.id === id)?.vehicle;
  // The space is inside the binding: the build's HTML minifier trims a template's leading space.
  return v ? html`<span class="vehicle" lang="en">${` (${v.callSign}, ${v.registration})`}</span>` : nothing;
}

export function renderRanking(c: AnubhavConsole) {
  const m = c.m;
  return html`<h2 tabindex="-1">${m.nav.ranking}</h2>
    <form class="filters no-print" @submit=${c.setMonth} novalidate>
      ${dateField(c, 'month', m.month, c.month || c.current(c.rankingTask, `${c.month}|${c.kind}`)?.month || '', 'month')}
      ${kindField(c)}
      <button type="submit">${m.show}</button>
      <button type="button" class="secondary" @click=${() => print()}>${m.print}</button>
    </form>
    ${c.loaded(c.rankingTask, `${c.month}|${c.kind}`, (r) => table(c, r))}`;
}

function table(c: AnubhavConsole, r: Ranking) {
  const m = c.m;
  const lang = c.currentLang;
  const stations = c.directory?.stations ?? [];
  const monthName = new Intl.DateTimeFormat(`${lang}-IN`, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${r.month}-01T00:00:00Z`));
  // Dial 112 vehicles: ranked on arrival within 20 minutes, their crew's
  // rating beside it (and a vehicle is named with its call sign).
  const arrival = r.question === 'arrival';
  const dash = (n: number | null | undefined, style?: 'percent') => (n === null || n === undefined ? '—' : c.number(n, style));
  const rows = (list: RankedStation[], ranked: boolean) => list.map((s) => html`<tr>
    ${ranked ? html`<td>${s.rank}</td>` : nothing}
    <th scope="row">${nameOf(stations, s.id, lang)}${vehicleOf(stations, s.id)}</th>
    <td>${nameOf(stations, s.district, lang, true)}</td>
    <td>${c.number(s.answers)}</td>
    ${arrival ? html`<td>${dash(s.within20, 'percent')}</td><td>${dash(s.crewBehaviour)}</td>` : html`<td>${dash(s.average)}</td>`}
    ${ranked ? html`<td>${c.number(s.score)}</td>` : nothing}
  </tr>`);
  const head = (ranked: boolean) => html`<thead><tr>
    ${ranked ? html`<th scope="col">${m.rank}</th>` : nothing}
    <th scope="col">${m.station}</th><th scope="col">${m.district}</th><th scope="col">${m.answersCount}</th>
    ${arrival ? html`<th scope="col">${m.within20}</th><th scope="col">${m.crewBehaviour}</th>` : html`<th scope="col">${m.average}</th>`}
    ${ranked ? html`<th scope="col">${m.score}</th>` : nothing}
  </tr></thead>`;
  if (!r.ranked.length && !r.tooFew.length) return html`<p>${m.noRanking}</p>`;
  return html`<p class="method">${arrival
    ? fill(m.rankingMethod112, { min: r.minAnswers, mean: c.number(r.rangeMean, 'percent') })
    : fill(m.rankingMethod, { min: r.minAnswers, mean: c.number(r.rangeMean) })}</p>
    <div class="scroll" role="region" tabindex="0" aria-labelledby="ranking-caption">
      <table class="ranking">
        <caption id="ranking-caption">${fill(arrival ? m.rankingCaption112 : m.rankingCaption, { month: monthName })}</caption>
        ${head(true)}<tbody>${rows(r.ranked, true)}</tbody>
      </table>
    </div>
    ${r.tooFew.length ? html`<div class="scroll" role="region" tabindex="0" aria-labelledby="few-caption">
      <table class="ranking">
        <caption id="few-caption">${m.tooFew}</caption>
        ${head(false)}<tbody>${rows(r.tooFew, false)}</tbody>
      </table>
    </div>` : nothing}`;
}
