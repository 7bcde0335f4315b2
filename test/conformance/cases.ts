/**
 * The conformance suite: every behaviour the runtime claims, written once and run against every
 * target (local dev server, Lambda bundles behind each event format, the Worker in workerd).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { startFakeTwilioApi, type FakeTwilioApi } from '../support/fake-twilio-api';
import { Invoker, type RunningTarget, type Target } from './target';

const AUTH_TOKEN = '0123456789abcdef0123456789abcdef';
const ACCOUNT_SID = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const SHARED_KEY = 'shared-key-secret';
const UNAUTHORIZED = 'Unauthorized - you are not authenticated to perform this request';

export function defineConformanceSuite(target: Target): void {
  describe(`conformance: ${target.name}`, () => {
    let api: FakeTwilioApi;
    let running: RunningTarget;
    let call: Invoker;

    beforeAll(async () => {
      api = await startFakeTwilioApi();
      running = await target.start({ TWILIO_API_BASE_URL: api.url, TWILIO_WEBHOOK_SHARED_KEY: SHARED_KEY });
      call = new Invoker(running);
    });
    afterAll(async () => {
      await running?.stop();
      await api?.close();
    });

    const sign = (path: string, params: Record<string, string | string[]> = {}, key = AUTH_TOKEN, algorithm?: string) =>
      twilio.getExpectedTwilioSignature(key, running.publicUrl(path), params, algorithm);

    describe('event', () => {
      it('merges query and form body, the body winning, repeated keys as arrays (B-15, B-17)', async () => {
        const res = await call.form('/echo?index=5&Body=fromQuery&q=1&q=2', [['Body', 'hi there'], ['M', '1'], ['M', '2'], ['nested[x]', '1']]);
        expect(res.status).toBe(200);
        const { event } = res.json();
        const q = target.differences?.repeatedQuery === 'last' ? '2' : ['1', '2'];
        expect(event).toMatchObject({ index: '5', Body: 'hi there', q, M: ['1', '2'], 'nested[x]': '1' });
      });

      it('keeps JSON body types and spreads arrays into index keys (B-17, B-19)', async () => {
        expect((await call.json('/echo', { n: 1, ok: true, list: [1, 'a'], obj: { x: null } })).json().event)
          .toMatchObject({ n: 1, ok: true, list: [1, 'a'], obj: { x: null } });
        expect((await call.json('/echo', [1, 2])).json().event).toMatchObject({ 0: 1, 1: 2 });
      });

      it('lets a `request` parameter replace event.request, as Twilio does (B-15)', async () => {
        expect((await call.request('/echo?request=Hello')).json().event.request).toBe('Hello');
      });

      it('takes parameters named after Object.prototype members as plain parameters', async () => {
        const res = await call.form('/echo?toString=q&__proto__=a&__proto__=b', { constructor: 'c', hasOwnProperty: 'h' });
        const { request: _, ...params } = res.json().event;
        const proto = target.differences?.repeatedQuery === 'last' ? 'b' : ['a', 'b'];
        expect(Object.entries(params)).toEqual([['toString', 'q'], ['__proto__', proto], ['constructor', 'c'], ['hasOwnProperty', 'h']]);
      });

      it('ignores bodies of other content types (B-17)', async () => {
        const res = await call.request('/echo?a=1', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'Body=x' });
        expect(res.json().event).toEqual({ a: '1', request: expect.any(Object) });
      });

      it('lower-cases headers, hides proxy and tracing headers, parses cookies (B-22…B-24)', async () => {
        const res = await call.request('/echo', {
          headers: [
            ['X-Custom', 'hello, world'],
            ['X-Forwarded-For', '10.0.0.1'],
            ['X-Amzn-Trace-Id', 'Root=1'],
            ['I-Twilio-Idempotency-Token', 'abc'],
            ['Cookie', 'a=1; b=two%20words'],
          ],
        });
        const { headers, cookies } = res.json().event.request;
        expect(headers['x-custom']).toBe('hello, world');
        expect(headers).not.toHaveProperty('x-forwarded-for');
        expect(headers).not.toHaveProperty('x-amzn-trace-id');
        expect(headers).not.toHaveProperty('i-twilio-idempotency-token');
        expect(headers).not.toHaveProperty('host');
        expect(cookies).toEqual({ a: '1', b: 'two words' });
      });

      it('turns a repeated header into an array where the platform keeps repeats (B-22)', async () => {
        const res = await call.request('/echo', { headers: [['X-Test', 'a'], ['x-test', 'b']] });
        const value = res.json().event.request.headers['x-test'];
        const expected = { comma: 'a,b', 'comma-space': 'a, b', last: 'b', array: ['a', 'b'] }[target.differences?.repeatedHeaders ?? 'array'];
        expect(value).toEqual(expected);
      });
    });

    describe('context and globals', () => {
      it('gives PATH, DOMAIN_NAME, .env variables and getTwilioClient (B-26, B-27)', async () => {
        const { context, processEnvGreeting } = (await call.request('/echo?x=1')).json();
        expect(context).toEqual({
          PATH: '/echo',
          DOMAIN_NAME: new URL(running.publicUrl('/echo')).host,
          GREETING: 'hi',
          SERVICE_SID: 'undefined',
          hasGetTwilioClient: true,
        });
        expect(processEnvGreeting).toBe('hi');
      });

      it('defines Twilio and Runtime before the module is evaluated (B-31…B-33)', async () => {
        const body = (await call.request('/globals')).json();
        expect(body.functionsAtLoad).toContain('helper');
        expect(body.functionsAtLoad).toContain('callback/string');
        expect(body.assets).toEqual(['/secret.txt']);
        expect(body.twilioKeys).toEqual(['twiml', 'jwt', 'validateRequest', 'Response', 'Twilio']);
        expect(body.hasGetSync).toBe(true);
        expect(body.responseIsClass).toBe(true);
      });

      it('keeps function and class names as written, in the project and in twilio', async () => {
        expect((await call.request('/names')).json()).toEqual({
          className: 'ReminderCall', functionName: 'formatGreeting', arrowName: 'toE164', twimlClass: 'VoiceResponse', responseClass: 'Response',
        });
      });

      it('requires a private helper through Runtime.getFunctions() and opens a private asset', async () => {
        expect((await call.request('/uses-helper?word=hey')).text()).toBe('HEY!');
        expect((await call.request('/read-asset')).text()).toBe('private text');
      });

      it('validates signatures with the twilio library inside functions', async () => {
        expect((await call.request('/validate')).json()).toEqual({ valid: true });
      });

      it('sends REST calls through the real twilio client to TWILIO_API_BASE_URL', async () => {
        const res = await call.form('/send-sms', { To: '+15558675310', Body: 'Ahoy' });
        expect(res.status).toBe(200);
        expect(res.json()).toMatchObject({ sid: expect.stringMatching(/^SM/), status: 'queued' });
        const sent = api.requests.find((r) => r.path === `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
        expect(sent?.form.get('Body')).toBe('Ahoy');
        expect(sent?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
      });
    });

    it('reaches Sync through Runtime.getSync() (B-34)', async () => {
      const res = await call.request('/sync?name=calls');
      expect([res.status, res.json()]).toEqual([200, { sid: `MP${'0'.repeat(32)}`, uniqueName: 'calls', serviceSid: 'default' }]);
      expect(api.requests.some((r) => r.path === '/v1/Services/default/Maps' && r.form.get('UniqueName') === 'calls')).toBe(true);
    });

    it('signs access tokens with Twilio.jwt.AccessToken', async () => {
      const { token } = (await call.request('/token?identity=bob')).json();
      const [header, payload] = token.split('.').slice(0, 2).map((part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()));
      expect(header).toMatchObject({ alg: 'HS256', cty: 'twilio-fpa;v=1' });
      expect(payload.grants).toEqual({ identity: 'bob', voice: { incoming: { allow: true }, outgoing: { application_sid: `AP${'1'.repeat(32)}` } } });
      expect(payload.sub).toBe(ACCOUNT_SID);
    });

    describe('callback results (section 8)', () => {
      it('string → 200 text/plain', async () => {
        const res = await call.request('/callback/string');
        expect([res.status, res.headers['content-type'], res.text()]).toEqual([200, 'text/plain; charset=utf-8', 'Hello World']);
      });
      it('TwiML → 200 text/xml', async () => {
        const res = await call.request('/callback/twiml');
        expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
        expect(res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello</Say></Response>');
      });
      it('object → 200 JSON', async () => {
        const res = await call.request('/callback/json');
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.json()).toEqual({ a: 1, nested: { b: [true, null] } });
      });
      it('no payload → 200 with an empty body', async () => {
        const res = await call.request('/callback/empty');
        expect([res.status, res.body.length]).toEqual([200, 0]);
      });
      it('numbers and booleans are JSON, never a status code', async () => {
        expect((await call.request('/callback/number')).text()).toBe('42');
        expect((await call.request('/callback/boolean')).text()).toBe('true');
        expect((await call.request('/callback/string')).status).toBe(200);
      });
      it('bytes → application/octet-stream', async () => {
        const res = await call.request('/callback/bytes');
        expect(res.headers['content-type']).toBe('application/octet-stream');
        expect([...res.body]).toEqual([0, 1, 2, 255]);
      });
      it('Twilio.Response → its status, headers, several cookies marked HttpOnly and Secure (B-58…B-65)', async () => {
        const res = await call.request('/callback/response');
        expect(res.status).toBe(201);
        expect(res.headers['content-type']).toBe('application/json');
        expect(res.headers['x-multi']).toBe('a, b');
        const cookies = ['session=abc123;Max-Age=3600;HttpOnly;Secure', 'other=v;HttpOnly;Secure', 'gone=;Max-Age=0;HttpOnly;Secure'];
        expect(res.cookies).toEqual(target.differences?.singleSetCookie ? cookies.slice(0, 1) : cookies);
        expect(res.json()).toEqual({ ok: true });
      });
      it('Twilio.Response with a string body and no content type → text/html', async () => {
        const res = await call.request('/callback/response-text');
        expect([res.status, res.headers['content-type'], res.text()]).toEqual([418, 'text/html; charset=utf-8', 'plain body']);
      });
      it('Twilio.Response framing headers (Content-Length, Transfer-Encoding, Connection) give way to the true body', async () => {
        const res = await call.request('/callback/response-framing');
        expect([res.status, res.headers['content-type'], res.text()]).toEqual([200, 'text/plain', 'framed by the host']);
        expect(res.headers['content-length']).toBe(String('framed by the host'.length));
        expect(res.headers).not.toHaveProperty('transfer-encoding');
        // and the server goes on answering.
        expect((await call.request('/callback/string')).text()).toBe('Hello World');
      });
      it('async handlers that await and then call back', async () => {
        expect((await call.request('/callback/async')).json()).toEqual({ async: true });
      });
    });

    describe('failures', () => {
      const expectError = async (path: string, status: number, message: string) => {
        const res = await call.request(path);
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        const body = res.json();
        expect(body.message).toBe(message);
        expect(body).not.toHaveProperty('stack');
        expect(res.text()).not.toContain('/fixtures/');
      };
      it('callback(error) → 500 {message, name} without a stack', () => expectError('/errors/error', 500, 'boom'));
      it('callback("string") → 500', () => expectError('/errors/string-error', 500, 'string error'));
      it('callback(plain object) → 500 with that object', async () => {
        const res = await call.request('/errors/object-error');
        expect([res.status, res.json()]).toEqual([500, { code: 7, msg: 'x' }]);
      });
      it('a synchronous throw → 500', () => expectError('/errors/throws', 500, 'thrown'));
      it('a rejected promise → 500', () => expectError('/errors/rejects', 500, 'rejected'));
      it('no callback within the limit → 504 (B-54)', () => expectError('/errors/never', 504, 'Runtime application timed out'));
      it('an async handler that returns without callback → 504 (B-51)', () => expectError('/errors/async-return', 504, 'Runtime application timed out'));
      it('no handler export → 500 (B-55)', () => expectError('/errors/no-handler', 500, 'Could not find a "handler" function for /errors/no-handler'));
      it('a module that throws while loading → 500 without its message or path', () => expectError('/errors/load-error', 500, 'Function /errors/load-error failed to load'));
      it('the first callback wins (B-53)', async () => {
        expect((await call.request('/errors/twice')).text()).toBe('first');
      });
      it('work that fails after the callback does not take the server down', async () => {
        expect((await call.request('/errors/late-throw')).text()).toBe('answered');
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect((await call.request('/callback/string')).text()).toBe('Hello World');
      });
      it('keeps serving after every kind of failure', async () => {
        for (const path of ['/errors/throws', '/errors/rejects', '/errors/twice', '/errors/never']) await call.request(path);
        expect((await call.request('/callback/string')).status).toBe(200);
      });
    });

    describe('routing and methods', () => {
      it('answers OPTIONS itself with the hosted CORS headers (B-11)', async () => {
        const res = await call.request('/errors/throws', { method: 'OPTIONS' });
        expect(res.status).toBe(204);
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
        expect(res.body.length).toBe(0);
        expect((await call.request('/nope', { method: 'OPTIONS' })).status).toBe(404);
      });
      it('adds no CORS headers to other responses', async () => {
        expect((await call.request('/callback/string')).headers).not.toHaveProperty('access-control-allow-origin');
      });
      it('rejects PUT and DELETE unless the function opts in (B-10)', async () => {
        const put = await call.request('/echo', { method: 'PUT' });
        expect(put.status).toBe(405);
        expect(put.headers.allow).toBe('GET, POST, OPTIONS');
        expect((await call.request('/echo', { method: 'DELETE' })).status).toBe(405);
        const allowed = await call.request('/put-allowed?value=7', { method: 'PUT' });
        expect([allowed.status, allowed.json()]).toEqual([200, { method: 'ok', value: '7' }]);
      });
      it('rejects a GET that carries a body (B-10)', async () => {
        expect((await call.request('/echo', { method: 'GET', body: 'x=1' })).status).toBe(403);
      });
      it('serves public assets with a content type and `/` from /assets/index.html (B-6)', async () => {
        const asset = await call.request('/public.txt');
        expect([asset.status, asset.text()]).toEqual([200, 'public text\n']);
        expect(asset.headers['content-type']).toMatch(/^text\/plain/);
        expect((await call.request('/')).text()).toBe('<h1>root fallback</h1>\n');
      });
      it('answers 404 for unknown paths', async () => {
        expect((await call.request('/does-not-exist')).status).toBe(404);
      });
      it('never serves private functions or assets by URL', async () => {
        for (const path of ['/helper', '/secret.txt', '/helper.private', '/secret.private.txt']) {
          const res = await call.request(path);
          expect(res.status, path).toBe(404);
          expect(res.text()).not.toContain('PRIVATE FUNCTION RAN');
          expect(res.text()).not.toContain('private text');
        }
      });
      it('path tricks reach nothing private and nothing outside the project', async () => {
        const tricks = ['/callback/../helper', '/%2e%2e/helper', '/callback/%2e%2e/helper', '//helper', '/callback%2fstring',
          '/callback%2F..%2Fhelper', '/HELPER', '/Echo', '/echo/', '/helper/', '/..%2f.env', '/%2e%2e/.env', '/../../package.json',
          '/secret.txt/', '/%73ecret.txt', '/callback\\..\\helper'];
        for (const path of tricks) {
          const res = await call.request(path);
          expect(res.text(), path).not.toMatch(/PRIVATE FUNCTION RAN|private text|AUTH_TOKEN|ACaaaa/);
          expect([400, 404], path).toContain(res.status);
        }
      });
    });

    describe('protected functions and assets (section 11)', () => {
      it('401 without a signature, with Twilio\'s message', async () => {
        const res = await call.form('/signed', { Body: 'x' });
        expect([res.status, res.json().message]).toEqual([401, UNAUTHORIZED]);
      });
      it('401 with a wrong signature', async () => {
        const res = await call.form('/signed', { Body: 'x' }, [['X-Twilio-Signature', sign('/signed', { Body: 'y' })]]);
        expect(res.status).toBe(401);
      });
      it('accepts a valid form signature over the public URL', async () => {
        const params = { Body: 'hello', From: '+15551234567' };
        const res = await call.form('/signed?x=1', params, [['X-Twilio-Signature', sign('/signed?x=1', params)]]);
        expect([res.status, res.json()]).toEqual([200, { signed: true, Body: 'hello' }]);
      });
      it('accepts repeated form parameters', async () => {
        const fields: Array<[string, string]> = [['Body', 'b'], ['M', '2'], ['M', '1']];
        const res = await call.form('/signed', fields, [['X-Twilio-Signature', sign('/signed', { Body: 'b', M: ['2', '1'] })]]);
        expect(res.status).toBe(200);
      });
      it('accepts a JSON body signed with bodySHA256', async () => {
        const body = JSON.stringify({ Body: 'json' });
        const hash = createHash('sha256').update(body).digest('hex');
        const path = `/signed?bodySHA256=${hash}`;
        const res = await call.request(path, { method: 'POST', headers: [['Content-Type', 'application/json'], ['X-Twilio-Signature', sign(path)]], body });
        expect([res.status, res.json()]).toEqual([200, { signed: true, Body: 'json' }]);
        const tampered = await call.request(path, { method: 'POST', headers: [['Content-Type', 'application/json'], ['X-Twilio-Signature', sign(path)]], body: '{"Body":"evil"}' });
        expect(tampered.status).toBe(401);
      });
      it('accepts HMAC-SHA256 signatures made with the webhook shared key', async () => {
        const params = { Body: 'sha256' };
        const headers: Array<[string, string]> = [
          ['X-Twilio-Signature', sign('/signed', params, SHARED_KEY, 'HMAC_SHA256')],
          ['X-Twilio-Webhooks-Signature-Settings', 'key=webhooks_sharedkey_1,algorithm=HMAC_SHA256'],
        ];
        expect((await call.form('/signed', params, headers)).status).toBe(200);
      });
      it('protects assets the same way', async () => {
        expect((await call.request('/prot.txt')).status).toBe(401);
        const res = await call.request('/prot.txt', { headers: [['X-Twilio-Signature', sign('/prot.txt')]] });
        expect([res.status, res.text()]).toEqual([200, 'protected text\n']);
      });
      it('answers OPTIONS on protected routes without a signature', async () => {
        expect((await call.request('/signed', { method: 'OPTIONS' })).status).toBe(204);
      });
    });

    describe('bad input', () => {
      it('malformed JSON → 400 with one line, handler not run', async () => {
        const res = await call.request('/callback/string', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":' });
        expect(res.status).toBe(400);
        expect(res.json().message).toMatch(/^Malformed JSON body/);
        expect(res.text()).not.toContain('\n');
      });
      it('malformed form body → 400, handler not run', async () => {
        const res = await call.request('/callback/string', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=%zz' });
        expect([res.status, res.json().message]).toEqual([400, 'Malformed form body: invalid percent-encoding']);
      });
      it('body over the configured limit → 413', async () => {
        const res = await call.form('/echo', { Body: 'x'.repeat(150_000) });
        expect(res.status).toBe(413);
        expect(res.json().name).toBe('PayloadTooLarge');
      });
      it('too many headers → 431 (B-25)', async () => {
        const headers = Array.from({ length: 95 }, (_, i): [string, string] => [`x-h${i}`, 'v']);
        expect((await call.request('/echo', { headers })).status).toBe(431);
      });
    });
  });
}
