import { expect } from '@open-wc/testing';
import { BACKOFF_CAP_MS, backoffDelay, classifyStatus, newId, parseRetryAfter, shortReference } from '../../src/core/send.js';

describe('retry policy', () => {
  const statuses: [number, string][] = [
    [200, 'sent'], [201, 'sent'], [202, 'sent'], [400, 'rejected'], [401, 'rejected'], [413, 'rejected'],
    [415, 'rejected'], [422, 'rejected'], [408, 'retry'], [429, 'retry'], [500, 'retry'], [503, 'retry'],
  ];
  for (const [status, kind] of statuses) {
    it(`HTTP ${status} is ${kind}`, () => expect(classifyStatus(status)).to.equal(kind));
  }

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).to.equal(3000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:10 GMT', Date.parse('Sun, 22 Nov 2026 10:00:00 GMT'))).to.equal(10000);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    expect(parseRetryAfter(null)).to.equal(undefined);
  });

  it('draws full-jitter delays within the exponential ceiling', () => {
    expect(backoffDelay(0, undefined, () => 0.999)).to.be.below(2000);
    expect(backoffDelay(3, undefined, () => 0.999)).to.be.within(15000, 16000);
    expect(backoffDelay(30, undefined, () => 0.999)).to.be.at.most(BACKOFF_CAP_MS);
    expect(backoffDelay(5, undefined, () => 0)).to.equal(0);
  });

  it('never retries before Retry-After', () => {
    expect(backoffDelay(0, 3000, () => 0)).to.equal(3000);
  });

  it('makes v4 ids and short references from them', () => {
    const id = newId();
    expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(shortReference('3f0c7c1e-1a2b-4c3d-8e4f-5a6b7c8d9e0f')).to.equal('3F0C-7C1E');
  });
});
