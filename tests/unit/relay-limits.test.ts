// Each client's share of a class server's relay (src/server/relay/relay-limits.ts), on a
// clock the test moves: a token bucket, requests in flight, WebSocket sessions.
import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { clientAddress, createClientLimits, type Admission } from '../../src/server/relay/relay-limits.ts';

const LIMITS = { ratePerSecond: 2, burst: 3, concurrent: 2, webSockets: 1 };

function limitsAt() {
  const clock = { now: 0 };
  return { clock, limits: createClientLimits(LIMITS, () => clock.now) };
}

const ok = (admission: Admission) => {
  if (!admission.ok) throw new Error(`refused: ${admission.message}`);
  return admission;
};

describe('the token bucket', () => {
  test('a burst, then the rate; a refusal says when to come back', () => {
    const { clock, limits } = limitsAt();
    for (let i = 0; i < 3; i++) ok(limits.request('a')).release();
    expect(limits.request('a')).toMatchObject({
      ok: false,
      limit: 'rate',
      retryAfterSeconds: 1,
      message: expect.stringMatching(/2 a second, 3 at once.*Wait a few seconds/),
    });
    clock.now += 499;
    expect(limits.request('a').ok).toBe(false);
    clock.now += 1;
    ok(limits.request('a')).release();
    // Refilled to the burst, never beyond.
    clock.now += 60_000;
    for (let i = 0; i < 3; i++) ok(limits.request('a')).release();
    expect(limits.request('a').ok).toBe(false);
  });

  test('each client has a bucket of its own', () => {
    const { limits } = limitsAt();
    for (let i = 0; i < 3; i++) ok(limits.request('a')).release();
    expect(limits.request('a').ok).toBe(false);
    expect(limits.request('b').ok).toBe(true);
  });

  test('Retry-After is the whole seconds until a token is back', () => {
    const clock = { now: 0 };
    const slow = createClientLimits({ ...LIMITS, ratePerSecond: 0.25, burst: 1 }, () => clock.now);
    ok(slow.request('a')).release();
    expect(slow.request('a')).toMatchObject({ ok: false, retryAfterSeconds: 4 });
    clock.now += 1_500;
    expect(slow.request('a')).toMatchObject({ ok: false, retryAfterSeconds: 3 });
  });
});

describe('in flight and open', () => {
  test('requests in flight are counted until released, once each', () => {
    const { clock, limits } = limitsAt();
    const first = ok(limits.request('a'));
    ok(limits.request('a'));
    expect(limits.request('a')).toMatchObject({ ok: false, limit: 'concurrent', retryAfterSeconds: 1 });
    first.release();
    first.release();
    clock.now += 10_000;
    ok(limits.request('a'));
    expect(limits.request('a')).toMatchObject({ ok: false, limit: 'concurrent' });
  });

  test('WebSocket sessions are held until they close, and each handshake takes a token', () => {
    const { clock, limits } = limitsAt();
    const session = ok(limits.webSocket('a'));
    expect(limits.webSocket('a')).toMatchObject({ ok: false, limit: 'webSockets' });
    session.release();
    ok(limits.webSocket('a')).release();
    ok(limits.webSocket('a')).release();
    expect(limits.webSocket('a')).toMatchObject({ ok: false, limit: 'rate' });
    clock.now += 500;
    ok(limits.webSocket('a'));
  });
});

describe('who the client is', () => {
  const request = (remoteAddress: string, forwardedFor?: string) =>
    ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

  test('the connection’s address, whatever X-Forwarded-For claims, unless the proxy is trusted', () => {
    expect(clientAddress(request('10.0.0.5', '203.0.113.9'), false)).toBe('10.0.0.5');
  });

  test('behind a trusted proxy, the entry the proxy appended: the last', () => {
    expect(clientAddress(request('127.0.0.1', '203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientAddress(request('127.0.0.1', '192.0.2.1, 203.0.113.9 '), true)).toBe('203.0.113.9');
    expect(clientAddress(request('127.0.0.1'), true)).toBe('127.0.0.1');
  });
});
