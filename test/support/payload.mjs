// A valid anonymous `anubhav.feedback/v1` payload, for browser and Node
// tests alike (no Node imports here).

/** A valid anonymous payload with a fresh id, changed by `overrides`. */
export function payload(overrides = {}) {
  return {
    schema: 'anubhav.feedback/v1',
    id: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    station: 'BSP-CIVIL-LINES',
    district: 'bilaspur',
    lang: 'hi',
    source: 'qr',
    answers: { purpose: 'complaint', staffBehaviour: 4, moneyDemanded: 'no', overall: 4 },
    anonymous: true,
    ...overrides,
  };
}
