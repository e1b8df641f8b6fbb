/**
 * The citizen's page, hosted by the collector: what a station's QR code
 * opens, so that no district site has to embed anything.
 *
 * - `GET /f?station=<id>`: the form, rendered on the server (the element's
 *   own template, through Lit's SSR), so it paints after one round trip and
 *   works without script; the page's script then hydrates it.
 * - `POST /f?station=<id>`: the same form posted without script
 *   (`application/x-www-form-urlencoded`). It is read into the form's state
 *   (`readFormPost`), validated by the form's rules and then the one schema,
 *   and stored exactly once under the id rendered into the page: a second
 *   post is a replay. Then `303` to the confirmation, or the form again with
 *   GOV.UK's error summary and every answer kept.
 * - `GET /f?district=…` and `?change=<id>`: the district → station picker,
 *   as links; an unknown station lands here with a message.
 * - `GET /f/sent`, `GET /privacy`, the script and the logo.
 *
 * HTML goes out with `no-cache` and a strict CSP (no inline script, inline
 * styles only by hash, Trusted Types); fingerprinted files with a year's
 * immutable caching. Everything here is compressed (brotli or gzip).
 */
import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  DEFAULT_SET_REF, MAX_PAYLOAD_BYTES, OUTBOX_EXPIRY_MS, buildPayload, isStationId, istDay, parsePayload, readFormPost,
  setRefFor, validateForm, type FeedbackPayload, type FormState, type Lang, type Station,
} from 'anubhav-widgets/core';
import type { RouteContext } from '../app.js';
import { sendCompressed } from '../compressed.js';
import { checkReference, formToken, referenceSignature, tokenTime } from '../form-token.js';
import {
  emergency, escapeHtml, fill, fingerprinted, hostedCsp, loadRenderer, page, retentionPhrase, words,
  type Asset, type Branding, type Renderer,
} from '../hosted.js';
import { DEFAULT_RETENTION_DAYS } from '../retention.js';
import { newReference } from '../references.js';
import { catalogIssues } from './feedback.js';

type Query = Record<string, string | string[] | undefined>;

const one = (q: Query, key: string) => (typeof q[key] === 'string' ? q[key] : undefined);
const langOf = (q: Query): Lang => (one(q, 'lang') === 'en' ? 'en' : 'hi');

/** A form older than this is rendered again rather than taken: the outbox's limit. */
const TOKEN_MAX_AGE_MS = OUTBOX_EXPIRY_MS;

/** The tab's icon when no logo is configured: a plain speech mark in the page's blue. */
const DEFAULT_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5394"/><path d="M7 8h18v12H15l-6 5v-5H7z" fill="#fff"/></svg>';

export async function pageRoutes(app: FastifyInstance, context: RouteContext) {
  const renderer = await loadRenderer();
  if (renderer instanceof Error) app.log.warn({ err: renderer }, 'hosted page: the widgets\' hosted files are missing; /f answers 503 (build anubhav-widgets)');
  const branding: Branding = { siteName: context.config.siteName };
  if (context.config.logo) {
    const file = context.config.logo;
    const ext = file.toLowerCase().endsWith('.png') ? 'png' : 'svg';
    branding.logo = await fingerprinted('logo', ext, ext === 'png' ? 'image/png' : 'image/svg+xml', await readFile(file));
  }
  branding.icon = branding.logo ?? await fingerprinted('icon', 'svg', 'image/svg+xml', Buffer.from(DEFAULT_ICON));
  // Everything of the page is compressed, in its own scope so that the API
  // (the live stream among it) is untouched; form posts are never inflated.
  await app.register(async (scope) => {
    await scope.register(compress, { global: true, encodings: ['br', 'gzip'] });
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: MAX_PAYLOAD_BYTES }, (_request, body, done) => {
      try {
        // Invalid UTF-8 is refused, as for JSON, rather than stored as U+FFFD.
        const text = new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer);
        done(null, [...new URLSearchParams(text)]);
      } catch {
        done(Object.assign(new Error('the form is not valid UTF-8'), { statusCode: 400 }), undefined);
      }
    });
    routes(scope, context, renderer, branding);
  });
}

function routes(app: FastifyInstance, context: RouteContext, renderer: Renderer | Error, branding: Branding) {
  const { config, catalog, store } = context;
  const key = config.formSecret!;
  const retentionDays = config.contactRetentionDays ?? DEFAULT_RETENTION_DAYS;
  /**
   * The unit's own set (a Dial 112 vehicle asks its own questions), as the
   * form picks it (core/set-choice.ts); the default set for an id without a
   * directory entry.
   */
  const setFor = (station: Station | { id: string }) =>
    catalog.sets.get(setRefFor('name' in station ? station : undefined)) ?? catalog.sets.get(DEFAULT_SET_REF)!;

  /** The station a link names, if it is one: in the directory, or any valid id when there is none. */
  const stationFor = (id: string | undefined): Station | { id: string } | undefined => {
    if (!id || !isStationId(id)) return undefined;
    if (!catalog.stations) return { id };
    return catalog.stations.get(id);
  };

  const sendHtml = (reply: FastifyReply, status: number, html: string) => reply
    .code(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', hostedCsp(html))
    .header('Cache-Control', 'no-cache')
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Content-Type-Options', 'nosniff')
    .send(html);

  const sendAsset = (request: FastifyRequest, reply: FastifyReply, asset: Asset) => sendCompressed(request, reply
    .header('Content-Type', asset.type)
    .header('Cache-Control', 'public, max-age=31536000, immutable')
    .header('X-Content-Type-Options', 'nosniff'), asset);

  /** The form page: fresh (a new id and token) or again after a failed post. */
  const formPage = (request: FastifyRequest, reply: FastifyReply, o: {
    lang: Lang; station: Station | { id: string }; picked: boolean; status?: number;
    responseId?: string; token?: string; state?: FormState; notice?: string;
  }) => {
    if (renderer instanceof Error) return unavailable(reply);
    const responseId = o.responseId ?? randomUUID();
    const token = o.token ?? formToken(key, responseId, Date.now());
    const w = words(o.lang);
    const set = setFor(o.station);
    const errors = o.state ? validateForm(set.questions, o.state, istDay(new Date().toISOString())) : undefined;
    const form = renderer.form({
      pageUrl: pageUrl(request), lang: o.lang, station: o.station, set, picked: o.picked, responseId, formToken: token,
      retentionDays, state: o.state, errors,
    });
    const notice = o.notice ? `<div class="page"><p class="problem" role="alert">${escapeHtml(o.notice)}</p></div>` : '';
    return sendHtml(reply, o.status ?? 200, page({
      lang: o.lang, title: w.title, branding, body: `${notice}${form}`, headingInHeader: true,
      // A form page after a post has no script: it belongs to the path
      // without one, and its errors and kept answers are the server's.
      script: o.state ? undefined : renderer.script,
    }));
  };

  const unavailable = (reply: FastifyReply) => reply.code(503).send({
    error: 'hosted page unavailable', message: 'the hosted page\'s files are missing from this install; build anubhav-widgets (npm run build)',
  });

  /** The picker, as links: districts, or one district's stations. */
  const pickerPage = (reply: FastifyReply, lang: Lang, o: { unknown?: string; district?: string; status?: number }) => {
    const w = words(lang);
    const directory = [...(catalog.stations?.values() ?? [])];
    const collator = new Intl.Collator(`${lang}-IN`);
    const districts = [...new Map(directory.map((s) => [s.district.id, s.district])).values()]
      .sort((a, b) => collator.compare(a.name[lang], b.name[lang]));
    const district = districts.find((d) => d.id === o.district);
    const link = (href: string, text: string) => `<li><a href="${escapeHtml(href)}">${escapeHtml(text)}</a></li>`;
    let list: string;
    if (!directory.length) {
      list = `<p class="notice">${escapeHtml(w.noDirectory)}</p>`;
    } else if (district) {
      const stations = directory.filter((s) => s.district.id === district.id).sort((a, b) => collator.compare(a.name[lang], b.name[lang]));
      list = `<h2>${escapeHtml(fill(w.chooseStation, { district: district.name[lang] }))}</h2>
<ul>${stations.map((s) => link(`/f?station=${s.id}&from=picker&lang=${lang}`, s.name[lang])).join('')}</ul>
<p><a href="/f?lang=${lang}">${escapeHtml(w.otherDistrict)}</a></p>`;
    } else {
      list = `<h2>${escapeHtml(w.chooseDistrict)}</h2>
<ul>${districts.map((d) => link(`/f?district=${d.id}&lang=${lang}`, d.name[lang])).join('')}</ul>`;
    }
    const other: Lang = lang === 'hi' ? 'en' : 'hi';
    const params = new URLSearchParams({ ...(district && { district: district.id }), ...(o.unknown && { station: o.unknown }), lang: other });
    return sendHtml(reply, o.status ?? 200, page({
      lang, title: w.pickerTitle, branding, langUrl: `/f?${params}`,
      body: `<div class="page">${emergency(lang)}<h1>${escapeHtml(w.pickerTitle)}</h1>
${o.unknown ? `<p class="notice" role="alert">${escapeHtml(fill(w.pickerUnknown, { id: o.unknown.slice(0, 80) }))}</p>` : ''}
${list}</div>`,
    }));
  };

  app.get('/f', async (request, reply) => {
    const q = request.query as Query;
    const lang = langOf(q);
    const change = stationFor(one(q, 'change'));
    if (change) return pickerPage(reply, lang, { district: 'district' in change ? change.district.id : undefined });
    const district = one(q, 'district');
    if (district) return pickerPage(reply, lang, { district });
    const id = one(q, 'station');
    const station = stationFor(id);
    if (!station) return pickerPage(reply, lang, { unknown: id, status: id ? 404 : 200 });
    return formPage(request, reply, { lang, station, picked: one(q, 'from') === 'picker' });
  });

  app.post('/f', { config: { rateLimit: {} }, decompress: false } as object, async (request, reply) => {
    const q = request.query as Query;
    const lang = langOf(q);
    const w = words(lang);
    const station = stationFor(one(q, 'station'));
    const picked = one(q, 'from') === 'picker';
    const bad = (message: string, status = 400) => {
      request.outcome = `rejected:${message}`;
      return sendHtml(reply, status, page({
        lang, title: w.title, branding,
        body: `<div class="page">${emergency(lang)}<p class="problem" role="alert">${escapeHtml(w.badPost)}</p>
${station ? `<p><a class="button" href="/f?station=${station.id}&lang=${lang}">${escapeHtml(w.another)}</a></p>` : ''}</div>`,
      }));
    };
    if (!station) {
      request.outcome = 'rejected:station';
      return pickerPage(reply, lang, { unknown: one(q, 'station'), status: 400 });
    }
    if (!Array.isArray(request.body)) return bad('form');
    const set = setFor(station);
    const read = readFormPost(set, request.body as [string, string][]);
    if (!read.ok) return bad('form');
    const { state, id, token, trap } = read.post;
    const at = tokenTime(key, id, token);
    const spam = () => {
      // As for JSON: it looks like success to a bot, and nothing is stored.
      request.outcome = 'spam';
      return reply.redirect(sentUrl(key, newReference(), lang, station.id), 303);
    };
    // A token this collector did not sign for this id is a post made without the page.
    if (at === undefined || trap !== '') return spam();
    const now = Date.now();
    if (now - at > TOKEN_MAX_AGE_MS) {
      // Answers are kept; the form comes back with a new id and token.
      request.outcome = 'rejected:expired';
      return formPage(request, reply, { lang, station, picked, state, status: 400, notice: w.expired });
    }
    const errors = validateForm(set.questions, state, istDay(new Date(now).toISOString()));
    if (errors.length) {
      request.outcome = 'rejected:answers';
      return formPage(request, reply, { lang, station, picked, state, responseId: id, token, status: 400 });
    }
    if (now - at < config.minFillMs) return spam();
    const district = 'district' in station ? station.district.id : undefined;
    // The time it was written is when the page was rendered: the same on a
    // second post of the page, so that the second is a replay.
    const built = buildPayload(set, state, {
      id, createdAt: new Date(at).toISOString(), station: station.id, district, lang, source: picked ? 'web' : 'qr',
    });
    const parsed = parsePayload(built);
    if (!parsed.success) return bad('schema');
    const payload = parsed.data as FeedbackPayload;
    const prior = await store.existing(payload);
    const done = (kind: 'created' | 'replay' | 'conflict', reference?: string) => {
      request.outcome = kind === 'created' ? 'accepted' : kind;
      if (kind === 'conflict') {
        return sendHtml(reply, 409, page({
          lang, title: w.title, branding,
          body: `<div class="page">${emergency(lang)}<p class="problem" role="alert">${escapeHtml(w.alreadySent)}</p>
<p><a class="button" href="/f?station=${station.id}&lang=${lang}">${escapeHtml(w.another)}</a></p></div>`,
        }));
      }
      request.logged = { reference, station: payload.station };
      return reply.redirect(sentUrl(key, reference!, lang, station.id), 303);
    };
    if (prior) return done(prior.kind, 'reference' in prior ? prior.reference : undefined);
    const issues = catalogIssues(payload, context, now);
    if (issues.length) return bad(issues[0].path.split('.')[0] || 'payload');
    const result = await store.write((tx) => tx.insert(payload, district));
    return done(result.kind, 'reference' in result ? result.reference : undefined);
  });

  app.get('/f/sent', async (request, reply) => {
    const q = request.query as Query;
    const lang = langOf(q);
    const w = words(lang);
    const reference = one(q, 'ref') ?? '';
    const station = stationFor(one(q, 'station'));
    if (!/^[\w-]{1,32}$/.test(reference) || !checkReference(key, reference, one(q, 'sig') ?? '')) {
      return pickerPage(reply, lang, { status: 404 });
    }
    const other: Lang = lang === 'hi' ? 'en' : 'hi';
    return sendHtml(reply, 200, page({
      lang, title: w.sentTitle, branding,
      langUrl: `/f/sent?${new URLSearchParams({ ref: reference, sig: one(q, 'sig')!, lang: other, ...(station && { station: station.id }) })}`,
      body: `<div class="page">${emergency(lang)}<div class="panel" role="status">
<h1>${escapeHtml(w.sentTitle)}</h1>
<p>${escapeHtml(w.referenceLabel)}</p>
<p class="reference" lang="en">${escapeHtml(reference)}</p>
<p>${escapeHtml(w.sentNote)}</p></div>
${station ? `<p><a class="button" href="/f?station=${station.id}&lang=${lang}">${escapeHtml(w.another)}</a></p>` : ''}</div>`,
    }));
  });

  /** One station's entry, as a one-line directory: the hosted form names its station from it. */
  app.get('/f/stations.json', async (request, reply) => {
    const station = stationFor(one(request.query as Query, 'station'));
    if (!station || !('name' in station)) return reply.code(404).send({ error: 'not found', message: 'no such station' });
    return reply.header('Cache-Control', 'public, max-age=3600').send([station]);
  });

  app.get('/privacy', async (request, reply) => {
    const lang = langOf(request.query as Query);
    const w = words(lang);
    const values = {
      office: (config.officeName ?? { hi: w.defaultOffice, en: w.defaultOffice })[lang] ?? w.defaultOffice,
      site: config.siteName?.[lang] ?? w.defaultOffice,
      days: retentionPhrase(lang, retentionDays),
    };
    return sendHtml(reply, 200, page({
      lang, title: w.noticeTitle, branding, langUrl: `/privacy?lang=${lang === 'hi' ? 'en' : 'hi'}`,
      body: `<div class="page"><h1>${escapeHtml(w.noticeTitle)}</h1>
${w.privacyText.map((p) => `<p>${escapeHtml(fill(p, values))}</p>`).join('\n')}</div>`,
    }));
  });

  if (!(renderer instanceof Error)) {
    const script = renderer.script;
    app.get(script.path, async (request, reply) => sendAsset(request, reply, script));
    // A unit's own question set, which the script imports from beside itself
    // (`sets/dial-112.js?v=<version>`: the version in the query, so immutable).
    for (const set of renderer.sets) app.get(set.path, async (request, reply) => sendAsset(request, reply, set));
  }
  const { icon } = branding;
  if (icon) app.get(icon.path, async (request, reply) => sendAsset(request, reply, icon));
}

/** The confirmation's address: the reference, signed, so the page shows only references given out here. */
function sentUrl(key: Buffer, reference: string, lang: Lang, station: string) {
  return `/f/sent?${new URLSearchParams({ ref: reference, sig: referenceSignature(key, reference), lang, station })}`;
}

/**
 * The page's own URL, for the element to read `?station=` from and build its
 * links on. Only its path and query matter: the links are relative.
 */
function pageUrl(request: FastifyRequest): string {
  return new URL(request.url, 'http://localhost').href;
}
