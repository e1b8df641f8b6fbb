/**
 * One delivery attempt of a payload, and the retry policy around it. No DOM:
 * the outbox, the form and the tests all drive these functions.
 */
import type { FeedbackPayload } from './schema.js';

export const SEND_TIMEOUT_MS = 20_000;
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** How long the outbox keeps a response; the collector refuses anything older. */
export const OUTBOX_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

export type SendOutcome =
  /** A 2xx: the endpoint has the response. */
  | { kind: 'sent'; reference: string }
  /** 5xx, 408, 429, a network error or a timeout: try again later. */
  | { kind: 'retry'; status?: number; retryAfterMs?: number; reason: string }
  /** Any other 4xx: the endpoint will never take this payload. */
  | { kind: 'rejected'; status: number; message: string };

/**
 * Spam signals, sent as headers so that the payload stays exactly
 * `anubhav.feedback/v1`: `trap` is a hidden field people never see (bots
 * fill it), `fillMs` the time from the form's first render to submit.
 */
export interface Antispam {
  trap: string;
  fillMs: number;
}

export const TRAP_HEADER = 'Anubhav-Trap';
export const FILL_HEADER = 'Anubhav-Fill-Ms';

export interface SendOptions {
  timeoutMs?: number;
  antispam?: Antispam;
  /** Lets the request outlive the page, for `pagehide`. */
  keepalive?: boolean;
  now?: () => number;
}

/**
 * A short reference a citizen can quote, derived from the response id so
 * that the form can show it even if the endpoint does not return one.
 */
export function shortReference(id: string): string {
  const hex = id.replace(/[^0-9a-f]/gi, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Full-jitter exponential backoff (AWS's "full jitter"): a uniform wait in
 * [0, min(cap, base·2^attempt)], but never sooner than the server's
 * `Retry-After`. Jitter keeps a hundred phones that come back online at once
 * from retrying in lock-step.
 */
export function backoffDelay(attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 20));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Classifies an HTTP status into the three outcomes. */
export function classifyStatus(status: number): SendOutcome['kind'] {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'rejected';
}

/**
 * POSTs the payload once, with its id as `Idempotency-Key`, and times out
 * after about 20 s. Never throws: every failure is an outcome.
 */
export async function sendPayload(endpoint: string, payload: FeedbackPayload, options: SendOptions = {}): Promise<SendOutcome> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), options.timeoutMs ?? SEND_TIMEOUT_MS);
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': payload.id,
        ...(options.antispam && {
          [TRAP_HEADER]: encodeURIComponent(options.antispam.trap.slice(0, 200)),
          [FILL_HEADER]: String(Math.max(0, Math.round(options.antispam.fillMs))),
        }),
      },
      body: JSON.stringify(payload),
      signal: controller.signal,
      keepalive: options.keepalive ?? false,
      // No cookies or credentials ever leave with a response: nothing that
      // could tie an anonymous citizen to a session on the district site.
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    const kind = classifyStatus(response.status);
    const body = await response.json().catch(() => undefined) as { reference?: unknown; message?: unknown; error?: unknown } | undefined;
    if (kind === 'sent') {
      const reference = typeof body?.reference === 'string' && /^[\w-]{1,32}$/.test(body.reference)
        ? body.reference
        : shortReference(payload.id);
      return { kind, reference };
    }
    if (kind === 'retry') {
      return {
        kind,
        status: response.status,
        retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), options.now?.() ?? Date.now()),
        reason: `HTTP ${response.status}`,
      };
    }
    const message = typeof body?.message === 'string' ? body.message.slice(0, 200)
      : typeof body?.error === 'string' ? body.error.slice(0, 200) : `HTTP ${response.status}`;
    return { kind, status: response.status, message };
  } catch (err) {
    const reason = controller.signal.aborted ? 'timeout' : 'network error';
    return { kind: 'retry', reason: err instanceof Error && !controller.signal.aborted ? `${reason}: ${err.message}` : reason };
  } finally {
    clearTimeout(timeout);
  }
}

/**
 * A v4 UUID. `crypto.randomUUID` exists only in secure contexts, and some
 * district sites are still served over plain http, so fall back to
 * `getRandomValues`, which exists everywhere.
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
