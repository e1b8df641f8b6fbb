/** The 8-week trend: an inline SVG sparkline with its text alternative. */
import { svg } from 'lit';
import { averageOf, sparkline, type Week } from '../core/office.js';
import { fill } from '../core/i18n.js';
import type { AnubhavConsole } from './anubhav-console.js';

const W = 96;
const H = 24;

export function renderTrend(c: AnubhavConsole, name: string, weeks: Week[]) {
  const last = weeks.slice(-8);
  const values = last.map((w) => averageOf(w, 'overall'));
  const text = values.map((v) => (v === undefined ? c.m.noAnswer : c.number(v))).join(', ');
  // role=img with a label: the line is one picture, read as its figures.
  return svg`<svg class="trend" viewBox="-2 -2 ${W + 4} ${H + 4}" width=${W} height=${H} role="img" aria-label=${fill(c.m.trendAlt, { name, values: text })}>
    <line x1="0" x2=${W} y1=${H / 2} y2=${H / 2} class="mid"></line>
    ${sparkline(values, W, H).map((points) => (points.includes(' ')
      ? svg`<polyline points=${points}></polyline>`
      : svg`<circle cx=${points.split(',')[0]} cy=${points.split(',')[1]} r="1.5"></circle>`))}
  </svg>`;
}
