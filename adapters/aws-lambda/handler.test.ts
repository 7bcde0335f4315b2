import type { ALBHandler, APIGatewayProxyHandler, APIGatewayProxyHandlerV2, Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { FetchOptions, Runtime } from '../../src/runtime/types';
import { createLambdaHandler } from './handler';
import { ALB_HOST, REST_DOMAIN, albEvent, functionUrlEvent, v1Event, v2Event } from './synthetic-events';
import type { AlbResult, V1Result, V2Result } from './to-result';

/** A test double of the core: answers with what it received, plus two cookies. */
function echoRuntime(): Runtime & { calls: { request: Request; options?: FetchOptions }[] } {
  const calls: { request: Request; options?: FetchOptions }[] = [];
  return {
    calls,
    config: { timeoutMs: 10_000, maxBodyBytes: 6 * 1024 * 1024, trustProxy: false, debug: false },
    async fetch(request, options) {
      calls.push({ request, options });
      const headers = new Headers({ 'content-type': 'application/json' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2; Path=/');
      const echo = { method: request.method, url: request.url, body: await request.text(), publicUrl: options?.publicUrl, rawHeaders: options?.rawHeaders };
      return new Response(JSON.stringify(echo), { status: 201, headers });
    },
  };
}

/** A runtime whose fetch fails with `error`. */
const failingRuntime = (error: unknown): Runtime => ({
  config: { timeoutMs: 10_000, maxBodyBytes: 1, trustProxy: false, debug: false },
  fetch: () => Promise.reject(error),
});

const FORM = 'Body=hi+there&From=%2B1555';
const form = { method: 'POST', path: '/sms', query: 'x=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': 'sig' }, body: FORM };

let error: MockInstance;
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('createLambdaHandler: round trip', () => {
  it('REST: passes request, publicUrl and rawHeaders to the core and answers in v1 shape', async () => {
    const runtime = echoRuntime();
    const result = (await createLambdaHandler(() => runtime)(v1Event({ ...form, binaryMediaTypes: ['*/*'] }))) as V1Result;
    expect(Object.keys(result).sort()).toEqual(['body', 'headers', 'isBase64Encoded', 'multiValueHeaders', 'statusCode']);
    expect(result.statusCode).toBe(201);
    expect(result.multiValueHeaders['set-cookie']).toEqual(['a=1', 'b=2; Path=/']);
    const echo = JSON.parse(result.body);
    expect(echo).toMatchObject({ method: 'POST', url: `https://${REST_DOMAIN}/sms?x=1`, body: FORM, publicUrl: `https://${REST_DOMAIN}/prod/sms?x=1` });
    expect(echo.rawHeaders).toContainEqual(['X-Twilio-Signature', 'sig']);
    expect(runtime.calls).toHaveLength(1);
  });

  it('HTTP API / Function URL: answers in v2 shape with cookies[]', async () => {
    for (const event of [v2Event({ ...form, stage: 'dev' }), functionUrlEvent(form)]) {
      const result = (await createLambdaHandler(echoRuntime)(event)) as V2Result;
      expect(Object.keys(result).sort()).toEqual(['body', 'cookies', 'headers', 'isBase64Encoded', 'statusCode']);
      expect(result.cookies).toEqual(['a=1', 'b=2; Path=/']);
      expect(JSON.parse(result.body).body).toBe(FORM);
    }
  });

  it('ALB: answers in the header mode of the request', async () => {
    const handler = createLambdaHandler(async () => echoRuntime());
    const single = (await handler(albEvent(form))) as AlbResult;
    expect(single.headers!['set-cookie']).toBe('a=1');
    expect(single).not.toHaveProperty('multiValueHeaders');
    expect(single.statusDescription).toBe('201 Created');
    const multi = (await handler(albEvent(form, { multiValue: true }))) as AlbResult;
    expect(multi.multiValueHeaders!['set-cookie']).toEqual(['a=1', 'b=2; Path=/']);
    expect(multi).not.toHaveProperty('headers');
    expect(JSON.parse(multi.body).publicUrl).toBe(`https://${ALB_HOST}/sms?x=1`);
  });

  it('tells Lambda not to wait for an empty event loop', async () => {
    const context = { callbackWaitsForEmptyEventLoop: true };
    await createLambdaHandler(echoRuntime)(v2Event(), context);
    expect(context.callbackWaitsForEmptyEventLoop).toBe(false);
  });

  it('R9: returns the first response without waiting for leftover work of the function', async () => {
    let leftoverRan = false;
    const runtime: Runtime = {
      ...echoRuntime(),
      async fetch() {
        const timer = setTimeout(() => { leftoverRan = true; }, 5_000);
        timer.unref();
        return new Response('done', { headers: { 'content-type': 'text/plain' } });
      },
    };
    const context = { callbackWaitsForEmptyEventLoop: true };
    const started = Date.now();
    const result = await createLambdaHandler(() => runtime)(v2Event(), context);
    expect(result.body).toBe('done');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(leftoverRan).toBe(false);
    expect(context.callbackWaitsForEmptyEventLoop).toBe(false);
  });

  it('keeps concurrent invocations apart', async () => {
    const handler = createLambdaHandler(echoRuntime);
    const results = await Promise.all(['/a', '/b', '/c'].map((path) => handler(v2Event({ path }))));
    expect(results.map((r) => new URL(JSON.parse(r.body).url).pathname)).toEqual(['/a', '/b', '/c']);
  });

  it('works where the aws-lambda handler types are expected', async () => {
    // The assignments are the compile-time half (tsc); the calls check each integration's answer.
    const handler = createLambdaHandler(echoRuntime);
    const rest: APIGatewayProxyHandler = handler;
    const http: APIGatewayProxyHandlerV2 = handler;
    const alb: ALBHandler = handler;
    const context = { callbackWaitsForEmptyEventLoop: true } as Context;
    const noCallback = () => {};
    expect(await rest(v1Event(), context, noCallback)).toHaveProperty('multiValueHeaders');
    expect(await http(functionUrlEvent(), context, noCallback)).toHaveProperty('cookies');
    expect(await alb(albEvent(), context, noCallback)).toHaveProperty('statusDescription', '201 Created');
  });
});

describe('createLambdaHandler: errors', () => {
  it.each([
    ['v1', v1Event(form), ['body', 'headers', 'isBase64Encoded', 'multiValueHeaders', 'statusCode']],
    ['v2', v2Event(form), ['body', 'headers', 'isBase64Encoded', 'statusCode']],
    ['alb', albEvent(form), ['body', 'headers', 'isBase64Encoded', 'statusCode', 'statusDescription']],
    ['alb multi', albEvent(form, { multiValue: true }), ['body', 'isBase64Encoded', 'multiValueHeaders', 'statusCode', 'statusDescription']],
  ])('R7 %s: an exception becomes an opaque 500 in the event shape', async (_label, event, keys) => {
    const boom = new Error('secret detail');
    const result = await createLambdaHandler(() => failingRuntime(boom))(event);
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({ message: 'Internal error', name: 'Error' });
    expect(result.body).not.toContain('secret');
    expect(Object.keys(result).sort()).toEqual(keys);
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]!.join(' '))).toContain('secret detail');
  });

  it('R7: a 500 response from the core is passed through', async () => {
    const runtime: Runtime = { ...echoRuntime(), fetch: async () => new Response('Error: x', { status: 500, headers: { 'content-type': 'text/plain' } }) };
    const result = await createLambdaHandler(() => runtime)(v2Event());
    expect(result).toMatchObject({ statusCode: 500, body: 'Error: x' });
  });

  it('answers 500 when the runtime cannot be created, then recovers', async () => {
    let attempts = 0;
    const handler = createLambdaHandler(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('cold start failed');
      return echoRuntime();
    });
    expect((await handler(v2Event())).statusCode).toBe(500);
    expect((await handler(v2Event())).statusCode).toBe(201);
  });

  it('answers 500 for non-Error throws and failing response bodies', async () => {
    expect((await createLambdaHandler(() => failingRuntime('a string'))(v2Event())).statusCode).toBe(500);
    const broken = new ReadableStream({ pull: (c) => c.error(new Error('stream broke')) });
    const runtime: Runtime = { ...echoRuntime(), fetch: async () => new Response(broken) };
    const result = await createLambdaHandler(() => runtime)(v1Event());
    expect(result.statusCode).toBe(500);
    expect(result).toHaveProperty('multiValueHeaders');
  });

  it('L22: an adapter error answers its status with one log line, in the event shape', async () => {
    const runtime = echoRuntime();
    const result = (await createLambdaHandler(() => runtime)(v1Event({ headers: { 'a"a': '1' } }))) as V1Result;
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({ message: 'Invalid header name', name: 'AdapterError' });
    expect(result).toHaveProperty('multiValueHeaders');
    expect(runtime.calls).toHaveLength(0);
    expect(error).toHaveBeenCalledOnce();
  });

  it.each([null, undefined, 42, {}, { Records: [] }, { requestContext: {} }])('answers an unclassifiable event (%j) with a 400 in v2 shape', async (event) => {
    const result = await createLambdaHandler(echoRuntime)(event);
    expect(Object.keys(result).sort()).toEqual(['body', 'headers', 'isBase64Encoded', 'statusCode']);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).message).toMatch(/^Unrecognised Lambda event/);
  });
});
