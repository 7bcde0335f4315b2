import { describe, expect, it } from 'vitest';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import { failureResponse as failureResult, successResponse as successResult } from './callback-result';
import { toWebResponse } from './result';
import { TwilioResponse } from './twilio-response';

// The core's results as the Web `Response` that `Runtime.fetch` turns them into.
const successResponse = (payload: unknown) => toWebResponse(successResult(payload));
const failureResponse = (error: unknown, debug: boolean) => toWebResponse(failureResult(error, debug));

describe('successResponse', () => {
  it('maps each payload type like hosted Twilio', async () => {
    const twiml = new VoiceResponse();
    twiml.say('hi');
    const cases: Array<[unknown, number, string | null, string]> = [
      ['hello', 200, 'text/plain; charset=utf-8', 'hello'],
      [twiml, 200, 'text/xml; charset=utf-8', '<?xml version="1.0" encoding="UTF-8"?><Response><Say>hi</Say></Response>'],
      [{ a: 1 }, 200, 'application/json; charset=utf-8', '{"a":1}'],
      [42, 200, 'application/json; charset=utf-8', '42'],
      [false, 200, 'application/json; charset=utf-8', 'false'],
      [undefined, 200, null, ''],
      [null, 200, null, ''],
    ];
    for (const [payload, status, type, body] of cases) {
      const response = successResponse(payload);
      expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([status, type, body]);
    }
  });

  it('sends Twilio.Response headers, JSON bodies and each cookie as its own line', async () => {
    const response = successResponse(
      new TwilioResponse().setStatusCode(418).appendHeader('X-A', 1).appendHeader('X-A', 2).setCookie('a', '1', ['Secure']).setBody({ ok: 1 }),
    );
    expect(response.status).toBe(418);
    expect(response.headers.get('x-a')).toBe('1, 2');
    expect(response.headers.getSetCookie()).toEqual(['a=1;Secure;HttpOnly']);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.text()).toBe('{"ok":1}');
  });

  it('leaves out the framing headers a function sets, whatever their case: hosts frame the body', () => {
    const result = successResult(new TwilioResponse()
      .setHeaders({ 'Content-Length': '999', 'transfer-encoding': 'chunked', Connection: 'close', 'Keep-Alive': 'timeout=5', 'X-Kept': 'yes' })
      .setBody('short'));
    expect(result.headers).toEqual({ 'content-type': 'text/html; charset=utf-8', 'x-kept': 'yes' });
    expect(result.body).toBe('short');
  });

  it('keeps a content type the function set', async () => {
    const response = successResponse(new TwilioResponse().appendHeader('Content-Type', 'application/xml').setBody('<a/>'));
    expect([response.headers.get('content-type'), await response.text()]).toEqual(['application/xml', '<a/>']);
  });
});

describe('failureResponse', () => {
  it('hides the stack unless debugging', async () => {
    const error = new TypeError('bad');
    expect(await failureResponse(error, false).json()).toEqual({ message: 'bad', name: 'TypeError' });
    expect(await failureResponse(error, true).json()).toMatchObject({ message: 'bad', stack: expect.stringContaining('TypeError: bad') });
  });
});
