import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  flushStore, newItem, openOutbox, withOutboxLock, type OutboxEvent, type OutboxItem, type OutboxStore,
} from '../core/outbox.js';
import type { FeedbackPayload } from '../core/schema.js';
import { sendPayload, type Antispam } from '../core/send.js';

const CHANNEL = 'anubhav-outbox';
const hasChannel = typeof BroadcastChannel === 'function';

/**
 * Every result goes out on one BroadcastChannel, which reaches every form in
 * every tab of this origin, this one included, whichever form sent it (even
 * one since removed from the page). `tab` tells the receiving forms whether
 * the request left from their tab.
 */
const TAB = Math.random().toString(36).slice(2);
let sender: BroadcastChannel | undefined;
type Message = OutboxEvent & { tab: string };

type FlushRequest = { force?: boolean };

/**
 * Connects the outbox to the page's life: it flushes on connect, on
 * `online`, when the page becomes visible, on a timer for the next backoff
 * step, and with `keepalive` on `pagehide`. Results are passed to the host
 * through a BroadcastChannel, since the form (or tab) that flushes may not be
 * the one where the citizen pressed "send".
 */
export class DeliveryController implements ReactiveController {
  /** Ids already waiting when this page loaded: responses from earlier visits. */
  readonly earlier = new Set<string>();
  /**
   * What is known to be waiting, kept in memory for `pagehide`: a page that
   * is unloading gets no later tasks, so there is no time to ask IndexedDB
   * or wait for a lock then.
   */
  private waiting = new Map<string, OutboxItem>();
  private store?: Promise<OutboxStore | undefined>;
  private channel?: BroadcastChannel;
  private timer?: ReturnType<typeof setTimeout>;
  private connected = false;
  private running?: Promise<void>;
  private next?: Promise<void>;
  private nextOptions?: FlushRequest;

  constructor(
    host: ReactiveControllerHost,
    /** `local` is true in the tab that sent the request. */
    private onEvent: (event: OutboxEvent, local: boolean) => void,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.connected = true;
    this.store ??= openOutbox();
    if (hasChannel) {
      this.channel = new BroadcastChannel(CHANNEL);
      this.channel.onmessage = ({ data }: MessageEvent<Message>) => this.receive(data, data.tab === TAB);
    }
    addEventListener('online', this.handleOnline);
    document.addEventListener('visibilitychange', this.handleWake);
    addEventListener('pagehide', this.handlePageHide);
    void this.store.then(async (store) => {
      for (const item of (await store?.list().catch(() => [])) ?? []) {
        this.earlier.add(item.id);
        this.waiting.set(item.id, item);
      }
      await this.flush();
    });
  }

  hostDisconnected() {
    this.connected = false;
    removeEventListener('online', this.handleOnline);
    document.removeEventListener('visibilitychange', this.handleWake);
    removeEventListener('pagehide', this.handlePageHide);
    clearTimeout(this.timer);
    this.channel?.close();
  }

  /** Saves a response on the device. False when no storage works here. */
  async queue(payload: FeedbackPayload, endpoint: string, antispam?: Antispam): Promise<boolean> {
    const store = await this.store;
    if (!store) return false;
    try {
      const item = newItem(payload, endpoint, antispam);
      await store.put(item);
      this.waiting.set(item.id, item);
      return true;
    } catch {
      return false; // Quota or a private mode that fails late: send live instead.
    }
  }

  /** Sends what is due. One flush at a time in this tab, one tab at a time via Web Locks. */
  flush(options: FlushRequest = {}): Promise<void> {
    if (!this.running) {
      this.running = this.run(options).finally(() => (this.running = undefined));
      return this.running;
    }
    // A flush is under way and may have listed the items before this call's
    // change (a new response, "Retry now"): run once more after it, merging
    // any further calls into that one.
    this.nextOptions = { force: this.nextOptions?.force || options.force };
    this.next ??= this.running.then(() => {
      const merged = this.nextOptions;
      this.next = this.nextOptions = undefined;
      return this.flush(merged);
    });
    return this.next;
  }

  private receive(event: OutboxEvent, local: boolean) {
    if (event.type !== 'retry') this.waiting.delete(event.id);
    this.onEvent(event, local);
  }

  private async run(options: FlushRequest) {
    const store = await this.store;
    if (!store) return;
    clearTimeout(this.timer);
    const emit = (event: OutboxEvent) => {
      if (!hasChannel) return this.receive(event, true);
      sender ??= new BroadcastChannel(CHANNEL);
      sender.postMessage({ ...event, tab: TAB } satisfies Message);
    };
    let waiting: OutboxItem[] | undefined;
    try {
      waiting = await withOutboxLock(() => flushStore(store, { ...options, onEvent: emit }));
    } catch {
      // Storage failed mid-flush; the items are still there for the next try.
    }
    // Another tab held the lock: look again in a while, in case it closes.
    const held = waiting === undefined;
    const items = waiting ?? (await store.list().catch(() => []));
    this.waiting = new Map(items.map((i) => [i.id, i]));
    const next = Math.min(...items.map((i) => Math.max(i.nextAttemptAt, i.notBefore ?? 0)));
    // A form removed from the page mid-flush sets no new timer.
    if (this.connected && Number.isFinite(next)) {
      this.timer = setTimeout(() => void this.flush(), Math.max(held ? 2000 : 0, next - Date.now()) + 50);
    }
  }

  private handleOnline = () => void this.flush();

  private handleWake = () => {
    if (document.visibilityState === 'visible') void this.flush();
  };

  /**
   * The page may be going away: send what is due at once with `keepalive`,
   * so the requests can outlive the page. Items stay stored until a 2xx is
   * seen, on this visit or the next; the Idempotency-Key makes the overlap
   * with a flush already under way harmless.
   */
  private handlePageHide = () => {
    const now = Date.now();
    for (const item of this.waiting.values()) {
      if ((item.notBefore ?? 0) <= now) void sendPayload(item.endpoint, item.payload, { keepalive: true, antispam: item.antispam });
    }
  };
}
