import { describe, expect, it } from 'vitest';
import { buildEvent, eventHeaders } from './event';

describe('eventHeaders (B-22, B-23)', () => {
  it('lower-cases names and keeps repeats in arrival order without splitting commas', () => {
    expect(eventHeaders([['X-Test', 'a'], ['X-test', 'b'], ['x-test', 'c'], ['X-One', 'hello, world']]))
      .toEqual({ 'x-test': ['a', 'b', 'c'], 'x-one': 'hello, world' });
  });

  it('keeps headers named after Object.prototype members as plain entries', () => {
    const headers = eventHeaders([['Constructor', 'a'], ['constructor', 'b'], ['__proto__', 'c'], ['toString', 'd']]);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(Object.entries(headers)).toEqual([['constructor', ['a', 'b']], ['__proto__', 'c'], ['tostring', 'd']]);
  });

  it('drops the headers hosted Twilio hides and keeps the rest', () => {
    const dropped = ['I-Twilio-Idempotency-Token', 'I-T-x', 'OT-Trace', 'X-Amzn-Trace-Id', 'Via', 'Referer', 'Transfer-Encoding',
      'Proxy-Authorization', 'Proxy-Authenticate', 'X-Forwarded-For', 'X-Real-IP', 'Connection', 'Proxy-Connection', 'Expect',
      'Trailer', 'Upgrade', 'X-Accel-Buffering', 'Host'];
    const kept = ['X-Twilio-Signature', 'Authorization', 'Content-Type', 'User-Agent', 'Cookie', 'T-Request-Id', 'X-Actual-Header'];
    const headers = eventHeaders([...dropped, ...kept].map((name) => [name, 'v'] as const));
    expect(Object.keys(headers).sort()).toEqual(kept.map((k) => k.toLowerCase()).sort());
  });
});

describe('buildEvent (B-15, B-16, B-24)', () => {
  it('merges query then body and adds request headers and cookies', () => {
    const event = buildEvent('index=5&Body=Hello', { Body: 'Bye' }, [['Cookie', 'a=1; b=two%20words']]);
    expect(event).toEqual({ index: '5', Body: 'Bye', request: { headers: { cookie: 'a=1; b=two%20words' }, cookies: { a: '1', b: 'two words' } } });
  });

  it('gives empty headers and cookies when there are none', () => {
    expect(buildEvent('', {}, [])).toEqual({ request: { headers: {}, cookies: {} } });
  });
});
