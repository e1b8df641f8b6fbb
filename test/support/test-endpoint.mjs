// A real HTTP endpoint inside the test runner's server, for element tests:
//   POST /test-endpoint/<bucket>?status=500&times=2   record the request; answer
//        with `status` for the first `times` requests to that bucket, then 201
//   GET  /test-endpoint/<bucket>                       what that bucket received
// Buckets keep tests apart. The reference collector is tested end to end elsewhere.
const buckets = new Map();

export function testEndpoint() {
  return async (ctx, next) => {
    const match = ctx.path.match(/^\/test-endpoint\/([\w-]+)$/);
    if (!match) return next();
    const bucket = buckets.get(match[1]) ?? { requests: [], answered: 0 };
    buckets.set(match[1], bucket);
    if (ctx.method === 'GET') {
      ctx.type = 'json';
      ctx.body = JSON.stringify(bucket.requests);
      return undefined;
    }
    let raw = '';
    for await (const chunk of ctx.req) raw += chunk;
    bucket.requests.push({
      headers: {
        'content-type': ctx.get('content-type'), 'idempotency-key': ctx.get('idempotency-key'), cookie: ctx.get('cookie'),
        'anubhav-trap': ctx.get('anubhav-trap'), 'anubhav-fill-ms': ctx.get('anubhav-fill-ms'),
      },
      body: raw,
    });
    const status = Number(ctx.query.status ?? 201);
    const times = Number(ctx.query.times ?? Infinity);
    const failing = bucket.answered++ < times;
    ctx.status = failing ? status : 201;
    ctx.type = 'json';
    const body = JSON.parse(raw || '{}');
    ctx.body = JSON.stringify(ctx.status < 300 ? { id: body.id, reference: 'REF-0001' } : { error: 'test failure', message: `refused with ${ctx.status}` });
    return undefined;
  };
}
