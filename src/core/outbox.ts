/**
 * The device outbox: every response is written here before its first send,
 * and leaves only after a 2xx, a terminal 4xx the citizen is shown, or seven
 * days. Storage is IndexedDB, else localStorage; with neither, `openOutbox`
 * returns `undefined` and the form sends live.
 *
 * No DOM: the form drives it, and tests drive it with stub stores.
 */
import { createStore, del, set, values } from 'idb-keyval';
import type { FeedbackPayload } from './schema.js';
import { OUTBOX_EXPIRY_MS, backoffDelay, sendPayload, type Antispam, type SendOutcome, type SendOptions } from './send.js';

const LOCK = 'anubhav-outbox';
const LS_PREFIX = 'anubhav-outbox:';

export interface OutboxItem {
  id: string;
  endpoint: string;
  payload: FeedbackPayload;
  antispam?: Antispam;
  queuedAt: number;
  attempts: number;
  /** When the backoff allows the next automatic attempt. */
  nextAttemptAt: number;
  /** The server's `Retry-After`: not even "Retry now" sends before this. */
  notBefore: number;
}

export interface OutboxStore {
  readonly kind: 'indexeddb' | 'localstorage';
  list(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  remove(id: string): Promise<void>;
}

export type OutboxEvent =
  | { type: 'sent'; id: string; reference: string }
  | { type: 'rejected'; id: string; status: number; message: string }
  | { type: 'expired'; id: string }
  | { type: 'retry'; id: string; reason: string };

function idbStore(): OutboxStore {
  const store = createStore('anubhav', 'outbox');
  return {
    kind: 'indexeddb',
    list: () => values<OutboxItem>(store),
    put: (item) => set(item.id, item, store),
    remove: (id) => del(id, store),
  };
}

function localStore(): OutboxStore {
  const ls = globalThis.localStorage;
  return {
    kind: 'localstorage',
    list: async () => Object.keys(ls).filter((k) => k.startsWith(LS_PREFIX)).flatMap((k) => {
      try {
        return [JSON.parse(ls.getItem(k)!) as OutboxItem];
      } catch {
        return [];
      }
    }),
    put: async (item) => ls.setItem(LS_PREFIX + item.id, JSON.stringify(item)),
    remove: async (id) => ls.removeItem(LS_PREFIX + id),
  };
}

/**
 * Opens the first store that really works: a round trip of a probe item,
 * since private modes can expose `indexedDB` or `localStorage` and then fail
 * on first write.
 */
export async function openOutbox(): Promise<OutboxStore | undefined> {
  const makers = [
    () => (globalThis.indexedDB ? idbStore() : undefined),
    () => (globalThis.localStorage ? localStore() : undefined),
  ];
  for (const make of makers) {
    try {
      const store = make();
      if (!store) continue;
      const probe = { id: '~probe' } as OutboxItem;
      await store.put(probe);
      await store.remove(probe.id);
      return store;
    } catch {
      // Try the next kind of storage.
    }
  }
  return undefined;
}

/** The event that reports how one send of response `id` went. */
export const outcomeEvent = (id: string, outcome: SendOutcome): OutboxEvent =>
  outcome.kind === 'sent' ? { type: 'sent', id, reference: outcome.reference }
    : outcome.kind === 'rejected' ? { type: 'rejected', id, status: outcome.status, message: outcome.message }
    : { type: 'retry', id, reason: outcome.reason };

export const newItem = (payload: FeedbackPayload, endpoint: string, antispam?: Antispam, now = Date.now()): OutboxItem =>
  ({ id: payload.id, endpoint, payload, antispam, queuedAt: now, attempts: 0, nextAttemptAt: now, notBefore: now });

export interface FlushOptions extends SendOptions {
  send?: (endpoint: string, payload: FeedbackPayload, options: SendOptions) => Promise<SendOutcome>;
  now?: () => number;
  /** Called for each outcome; the form turns these into status and events. */
  onEvent?: (event: OutboxEvent) => void;
  /** "Retry now": skip the backoff wait, but never the server's Retry-After. */
  force?: boolean;
}

/**
 * Sends every due item once, in the order queued. Items that fail in a
 * retryable way get their next attempt time from the full-jitter backoff,
 * never sooner than `Retry-After`. Returns the items still waiting.
 */
export async function flushStore(store: OutboxStore, options: FlushOptions = {}): Promise<OutboxItem[]> {
  const { send = sendPayload, now = Date.now, onEvent = () => {} } = options;
  const waiting: OutboxItem[] = [];
  const items = (await store.list()).sort((a, b) => a.queuedAt - b.queuedAt);
  for (const item of items) {
    if (now() - item.queuedAt > OUTBOX_EXPIRY_MS) {
      await store.remove(item.id);
      onEvent({ type: 'expired', id: item.id });
      continue;
    }
    if (Math.max(item.notBefore ?? 0, options.force ? 0 : item.nextAttemptAt) > now()) {
      waiting.push(item);
      continue;
    }
    const outcome = await send(item.endpoint, item.payload, { ...options, antispam: item.antispam });
    if (outcome.kind === 'retry') {
      const next = {
        ...item,
        attempts: item.attempts + 1,
        nextAttemptAt: now() + backoffDelay(item.attempts, outcome.retryAfterMs),
        notBefore: now() + (outcome.retryAfterMs ?? 0),
      };
      await store.put(next);
      waiting.push(next);
    } else {
      await store.remove(item.id);
    }
    onEvent(outcomeEvent(item.id, outcome));
  }
  return waiting;
}

/**
 * Runs `fn` under a Web Lock so that one tab flushes at a time; another tab
 * that finds the lock held skips its flush (the holder sends everything).
 * Web Locks exist only in secure contexts, so plain-http pages go without:
 * the collector's idempotency key still keeps duplicates out.
 */
export async function withOutboxLock<T>(fn: () => Promise<T>): Promise<T | undefined> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return fn();
  return locks.request(LOCK, { ifAvailable: true }, (lock) => (lock ? fn() : undefined));
}
