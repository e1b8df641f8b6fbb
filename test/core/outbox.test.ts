import { expect } from '@open-wc/testing';
import { OUTBOX_EXPIRY_MS as EXPIRY_MS } from '../../src/core/send.js';
import { flushStore, newItem, openOutbox, type OutboxEvent, type OutboxItem, type OutboxStore } from '../../src/core/outbox.js';
import type { FeedbackPayload } from '../../src/core/schema.js';
import type { SendOutcome } from '../../src/core/send.js';

/** An in-memory store, to drive the outbox's rules with no browser storage. */
function memoryStore(items: OutboxItem[] = []): OutboxStore & { items: Map<string, OutboxItem> } {
  const map = new Map(items.map((i) => [i.id, i]));
  return {
    kind: 'indexeddb',
    items: map,
    list: async () => [...map.values()],
    put: async (item) => void map.set(item.id, item),
    remove: async (id) => void map.delete(id),
  };
}

const payload = (id: string) => ({ id } as FeedbackPayload);
const T0 = Date.parse('2026-11-22T10:00:00Z');

async function flush(store: OutboxStore, outcome: SendOutcome, now = T0, force = false) {
  const events: OutboxEvent[] = [];
  const sent: string[] = [];
  const waiting = await flushStore(store, {
    now: () => now,
    force,
    send: async (_endpoint, p) => {
      sent.push(p.id);
      return outcome;
    },
    onEvent: (e) => events.push(e),
  });
  return { events, sent, waiting };
}

describe('outbox rules', () => {
  it('removes an item after a 2xx and reports its reference', async () => {
    const store = memoryStore([newItem(payload('a'), '/api', undefined, T0)]);
    const { events, sent } = await flush(store, { kind: 'sent', reference: 'REF-1' });
    expect(sent).to.deep.equal(['a']);
    expect(store.items.size).to.equal(0);
    expect(events).to.deep.equal([{ type: 'sent', id: 'a', reference: 'REF-1' }]);
  });

  it('removes an item after a terminal 4xx and reports it', async () => {
    const store = memoryStore([newItem(payload('a'), '/api', undefined, T0)]);
    const { events } = await flush(store, { kind: 'rejected', status: 422, message: 'no' });
    expect(store.items.size).to.equal(0);
    expect(events).to.deep.equal([{ type: 'rejected', id: 'a', status: 422, message: 'no' }]);
  });

  it('keeps a retryable item with a backoff time, never sooner than Retry-After', async () => {
    const store = memoryStore([newItem(payload('a'), '/api', undefined, T0)]);
    const { events, waiting } = await flush(store, { kind: 'retry', status: 503, retryAfterMs: 3000, reason: 'HTTP 503' });
    const item = store.items.get('a')!;
    expect(item.attempts).to.equal(1);
    expect(item.notBefore).to.equal(T0 + 3000);
    expect(item.nextAttemptAt).to.be.within(T0 + 3000, T0 + 3000 + 2000);
    expect(waiting).to.have.length(1);
    expect(events[0].type).to.equal('retry');
  });

  it('does not send an item before its time, but "Retry now" skips the backoff', async () => {
    const item = { ...newItem(payload('a'), '/api', undefined, T0), attempts: 2, nextAttemptAt: T0 + 60_000, notBefore: T0 };
    const store = memoryStore([item]);
    expect((await flush(store, { kind: 'sent', reference: 'R' })).sent).to.deep.equal([]);
    expect((await flush(store, { kind: 'sent', reference: 'R' }, T0, true)).sent).to.deep.equal(['a']);
  });

  it('never sends before Retry-After, even on "Retry now"', async () => {
    const item = { ...newItem(payload('a'), '/api', undefined, T0), attempts: 1, nextAttemptAt: T0 + 5000, notBefore: T0 + 5000 };
    const store = memoryStore([item]);
    expect((await flush(store, { kind: 'sent', reference: 'R' }, T0 + 1000, true)).sent).to.deep.equal([]);
    expect((await flush(store, { kind: 'sent', reference: 'R' }, T0 + 5000, true)).sent).to.deep.equal(['a']);
  });

  it('drops an item older than 7 days unsent, and reports it so the citizen is told', async () => {
    const store = memoryStore([newItem(payload('old'), '/api', undefined, T0 - EXPIRY_MS - 1), newItem(payload('new'), '/api', undefined, T0)]);
    const { events, sent } = await flush(store, { kind: 'sent', reference: 'R' });
    expect(sent).to.deep.equal(['new']);
    expect(events[0]).to.deep.equal({ type: 'expired', id: 'old' });
    expect(store.items.size).to.equal(0);
  });

  it('sends in the order the items were queued', async () => {
    const store = memoryStore([newItem(payload('b'), '/api', undefined, T0 + 1), newItem(payload('a'), '/api', undefined, T0)]);
    expect((await flush(store, { kind: 'sent', reference: 'R' }, T0 + 10)).sent).to.deep.equal(['a', 'b']);
  });

  it('opens IndexedDB in a normal browser', async () => {
    expect((await openOutbox())?.kind).to.equal('indexeddb');
  });
});
