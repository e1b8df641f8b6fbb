/**
 * The hosted page's HTML: the citizen's page at `/f`, with the form that
 * `<anubhav-feedback>` renders on the server through Lit's SSR, and the
 * pages around it (the station picker, the confirmation, the privacy
 * notice). Pages are plain strings with every value escaped; only the form
 * goes through Lit, so that it is the element's own template, which the
 * page's script then hydrates in place.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import {
  DEFAULT_SET_REF, enMessages, fill, hiMessages, plural, hostedForm, hostedPages,
  type FieldError, type FormState, type Lang, type Messages, type QuestionSet, type Station,
} from 'anubhav-widgets/core';
import type { Bilingual } from './config.js';
import { compressed, type Compressed } from './compressed.js';

const JS = 'text/javascript; charset=utf-8';

/** What the server-side form needs from Lit and the widgets, loaded once at start. */
export interface Renderer {
  /** The form, as declarative shadow DOM. */
  form(props: FormProps): string;
  /** The page's script, fingerprinted, and compressed ahead of time. */
  script: Asset;
  /** The question sets the script imports for a unit that asks one (`/f/sets/<name>.js`). */
  sets: Asset[];
}

export interface Asset extends Compressed {
  /** Where it is served, e.g. `/f/<name>.<hash>.<ext>`. */
  path: string;
  type: string;
}

export interface FormProps {
  /** The page's URL: the element reads `?station=` and builds its links from it. */
  pageUrl: string;
  lang: Lang;
  station: Station | { id: string };
  /** The unit's question set. */
  set: QuestionSet;
  /** Set when the citizen picked the station here: the response's source is then `web`. */
  picked: boolean;
  responseId: string;
  formToken: string;
  retentionDays: number;
  /** After a failed post: what was sent, and what is wrong with it. */
  state?: FormState;
  errors?: FieldError[];
}

const MESSAGES: Record<Lang, Messages> = { hi: hiMessages, en: enMessages };

/** A file served under a name that changes with its content, so it can be cached for ever. */
export async function fingerprinted(name: string, ext: string, type: string, body: Buffer): Promise<Asset> {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/f/${name}.${hash}.${ext}`, type, ...await compressed(body, type) };
}

/**
 * Loads Lit's SSR and the hosted form element. Lit's SSR first, so that Lit
 * finds its DOM shim; then the widgets' `hosted-ssr.js`, whose templates
 * are those of `anubhav-hosted.js` to the byte. An Error when the widgets
 * are not built: the collector still runs, and `/f` says what is missing.
 */
export async function loadRenderer(): Promise<Renderer | Error> {
  try {
    const { render } = await import('@lit-labs/ssr');
    const { collectResultSync } = await import('@lit-labs/ssr/lib/render-result.js');
    const { html, nothing } = await import('lit');
    await import('anubhav-widgets/hosted-ssr.js');
    const scriptUrl = new URL(import.meta.resolve('anubhav-widgets/anubhav-hosted.js'));
    const script = await fingerprinted('anubhav-hosted', 'js', JS, await readFile(scriptUrl));
    const setsDir = new URL('sets/', scriptUrl);
    const sets = await Promise.all((await readdir(setsDir)).filter((f) => f.endsWith('.js')).map(async (f) => {
      const body = await readFile(new URL(f, setsDir));
      // Named as the script imports it, with its version in the query.
      return { path: `/f/sets/${f}`, type: JS, ...await compressed(body, JS) };
    }));
    const g = globalThis as { location?: unknown };
    return {
      script,
      sets,
      form(p) {
        // The element reads the page's URL from `location`, as in a browser.
        // Rendering is synchronous, so no other request sees this one's.
        const before = g.location;
        g.location = new URL(p.pageUrl);
        try {
          const state = p.state;
          const stations = 'name' in p.station ? [p.station] : undefined;
          const ref = `${p.set.id}@${p.set.version}`;
          // A form that shows what only the unit's entry tells (its own
          // questions, a vehicle) would not match the browser's first render
          // without it: the browser hydrates it once it has fetched them.
          const unitFirst = ref !== DEFAULT_SET_REF || (stations?.[0] as Station | undefined)?.vehicle !== undefined;
          // `stations-src` is for the browser, which fetches the entry after
          // hydrating; here the entry is given, so nothing is fetched.
          const result = render(html`<anubhav-feedback endpoint="/api/feedback" lang=${p.lang}
            station=${p.picked ? p.station.id : ''} stations-src=${stations ? `/f/stations.json?station=${p.station.id}` : ''}
            privacy-url="/privacy?lang=${p.lang}" retention-days=${p.retentionDays}
            response-id=${p.responseId} form-token=${p.formToken}
            ?defer-hydration=${unitFirst} question-set=${unitFirst ? ref : nothing}
            .questions=${p.set} .stations=${stations} .answers=${state?.answers ?? {}} .anonymous=${state?.anonymous ?? true}
            .contactName=${state?.name ?? ''} .mobile=${state?.mobile ?? ''} .callback=${state?.callback ?? false}
            .errors=${p.errors ?? []}></anubhav-feedback>`);
          return fillTextareas(collectResultSync(result), state);
        } finally {
          g.location = before;
        }
      },
    };
  } catch (err) {
    return err as Error;
  }
}

/**
 * Lit's SSR writes a `.value` binding as the `value` attribute, but a
 * textarea has no such attribute: its text is its content. So the texts an
 * invalid post kept are put in here, escaped.
 */
function fillTextareas(out: string, state: FormState | undefined): string {
  if (!state) return out;
  return out.replace(/(<textarea\b[^>]*\bid="q-([A-Za-z0-9_]+)"[^>]*>)(<\/textarea>)/g, (whole, open: string, id: string, close: string) => {
    const value = state.answers[id];
    return typeof value === 'string' ? `${open}${escapeHtml(value)}${close}` : whole;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The inline `<style>` blocks of a page, as CSP hash sources. */
export function styleHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, css] of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
    hashes.add(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * No script but the page's own file, styles only from the page itself (its
 * inline blocks by hash: the element's shadow styles come inline with the
 * HTML), Trusted Types for Lit's templates, posts only to the collector.
 */
export function hostedCsp(html: string): string {
  return [
    "default-src 'self'", "script-src 'self'", `style-src 'self' ${styleHashes(html).join(' ')}`, "img-src 'self'",
    "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    "require-trusted-types-for 'script'", 'trusted-types lit-html',
  ].join('; ');
}

/** The page's own styles: inline, so the first round trip paints the page. */
const PAGE_CSS = `
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,"Noto Sans","Noto Sans Devanagari",sans-serif;color:#1b1b1b;background:#f3f2f1;line-height:1.6}
.site{display:flex;align-items:center;gap:.75rem;padding:.75rem 1rem;background:#0b5394;color:#fff}
.site img{width:40px;height:40px;flex:none}
.site p,.site h1{margin:0;font-weight:700;font-size:1.125rem;line-height:1.3}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
main{max-width:40rem;margin:0 auto;background:#fff;min-height:70vh}
anubhav-feedback{display:block}
.page{padding:1rem}
.page h1{font-size:1.5em;line-height:1.3;margin:0 0 .75em}
.page h2{font-size:1.2em;line-height:1.3;margin:1em 0 .75em}
.page ul{list-style:none;padding:0;margin:0 0 1.5em;display:grid;gap:.5em}
.page li a{display:block;padding:.7em .9em;border:1px solid #6f777b;border-radius:8px;color:#0b5394;font-weight:600;text-decoration:none}
.page a:focus-visible,footer a:focus-visible{outline:3px solid #fd0;box-shadow:0 0 0 5px #0b0c0c}
.notice{border-left:6px solid #0b5394;padding-left:.8em}
.emergency{border-left:6px solid #b3261e;background:#fdf2f1;padding:.6em .8em}
.emergency a{color:#b3261e;font-weight:700}
.panel{border:5px solid #00703c;padding:1em;text-align:center;margin-bottom:1.5em}
.panel h1{margin-bottom:.5em}
.reference{font-size:2em;font-weight:700;letter-spacing:.05em;font-family:ui-monospace,"Noto Sans Mono",monospace;margin:.25em 0}
.problem{border:5px solid #b3261e;padding:1em}
.button{display:inline-block;padding:.6em 1.2em;border:2px solid #0b5394;border-radius:8px;color:#0b5394;font-weight:700;text-decoration:none;min-height:48px;box-sizing:border-box}
footer{max-width:40rem;margin:0 auto;padding:1rem;font-size:.9375rem}
footer a{color:#0b5394}
`.replace(/\n/g, '');

export interface Branding {
  siteName?: Bilingual;
  logo?: Asset;
  /** The tab's icon: the logo, or a plain built-in one. */
  icon?: Asset;
}

/** Other strings the pages need, with the site's name. */
export function words(lang: Lang) {
  return { ...MESSAGES[lang], ...hostedForm[lang], ...hostedPages[lang] };
}

/** The whole page around a body. `script` only on the form page: the others work without one. */
export function page(o: {
  lang: Lang; title: string; body: string; branding: Branding; script?: Asset; langUrl?: string;
  /** The form page: its body has no heading of its own above the form's, so the page's comes from the header. */
  headingInHeader?: boolean;
}): string {
  const w = words(o.lang);
  const site = o.branding.siteName?.[o.lang];
  const logo = o.branding.logo;
  // The icon link spares a phone on a weak signal the browser's own request
  // for /favicon.ico, which is a 404 (an empty data: link would break the CSP).
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${o.branding.icon ? `<link rel="icon" href="${o.branding.icon.path}">` : ''}
<title>${escapeHtml(site ? `${o.title} · ${site}` : o.title)}</title>
<style>${PAGE_CSS}</style>
${o.script ? `<script type="module" src="${o.script.path}"></script>\n` : ''}</head>
<body>
${header(o, site, logo)}<main>
${o.body}
</main>
<footer><a href="/privacy?lang=${o.lang}">${escapeHtml(w.privacyFooter)}</a>${o.langUrl ? ` · <a href="${escapeHtml(o.langUrl)}" lang="${o.lang === 'hi' ? 'en' : 'hi'}">${escapeHtml(MESSAGES[o.lang === 'hi' ? 'en' : 'hi'].languageName)}</a>` : ''}</footer>
</body>
</html>
`;
}

/**
 * The site's name and logo. On the form page the page's one level-1
 * heading is here: the site's name, or the form's title for screen readers
 * when there is none.
 */
function header(o: { title: string; headingInHeader?: boolean }, site: string | undefined, logo: Asset | undefined): string {
  const tag = o.headingInHeader ? 'h1' : 'p';
  const name = site ? `<${tag}>${escapeHtml(site)}</${tag}>` : o.headingInHeader ? `<h1 class="visually-hidden">${escapeHtml(o.title)}</h1>` : '';
  if (!site && !logo) return name ? `${name}\n` : '';
  return `<header class="site">${logo ? `<img src="${logo.path}" alt="">` : ''}${name}</header>\n`;
}

/** The "not for emergencies" notice, as the form shows it. */
export function emergency(lang: Lang): string {
  const m = MESSAGES[lang];
  const [before, after = ''] = m.emergencyCall.split('{number}');
  return `<p class="emergency"><strong>${escapeHtml(m.emergencyLead)}</strong> ${escapeHtml(before)}<a href="tel:112">112</a>${escapeHtml(after)}</p>`;
}

/** The retention period as the form's notice says it ("365 days"). */
export function retentionPhrase(lang: Lang, days: number): string {
  return plural(lang, MESSAGES[lang].days, days);
}

export { fill };
