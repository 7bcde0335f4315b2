import { createHash } from 'node:crypto';
import { getExpectedTwilioSignature, validateRequest, validateRequestWithBody } from 'twilio/lib/webhooks/webhooks';
import { describe, expect, it } from 'vitest';
import { AdapterError } from './errors';
import { toRequest, toRuntimeRequest } from './to-request';
import { ALB_HOST, HTTP_API_DOMAIN, REST_DOMAIN, albEvent, functionUrlEvent, v1Event, v2Event } from './synthetic-events';

const TOKEN = '12345678901234567890123456789012';
const FORM = 'Body=hi+there&From=%2B15551234567&To=%2B15557654321';
const FORM_PARAMS = { Body: 'hi there', From: '+15551234567', To: '+15557654321' };
const twilioHeaders = (url: string, params: Record<string, string>) => ({
  'Content-Type': 'application/x-www-form-urlencoded',
  'User-Agent': 'TwilioProxy/1.1',
  'X-Twilio-Signature': getExpectedTwilioSignature(TOKEN, url, params),
});

/** What the core's signature check does with what the adapter hands it. */
async function signatureValid(result: ReturnType<typeof toRequest>): Promise<boolean> {
  const params = Object.fromEntries(new URLSearchParams(await result.request.clone().text()));
  return validateRequest(TOKEN, result.request.headers.get('x-twilio-signature') ?? '', result.publicUrl, params);
}

function adapterError(fn: () => unknown): AdapterError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AdapterError) return error;
    throw error;
  }
  throw new Error('expected an AdapterError');
}

describe('toRequest: REST API (v1)', () => {
  it('L1: routes on the stage-less path but signs with the stage', async () => {
    const signed = `https://${REST_DOMAIN}/prod/sms`;
    const result = toRequest(v1Event({ method: 'POST', path: '/sms', stage: 'prod', headers: twilioHeaders(signed, FORM_PARAMS), body: FORM }));
    expect(result.source).toBe('v1');
    expect(result.request.url).toBe(`https://${REST_DOMAIN}/sms`);
    expect(result.publicUrl).toBe(signed);
    expect(await signatureValid(result)).toBe(true);
  });

  it('L2: a header present in both headers and multiValueHeaders is not duplicated', () => {
    const event = v1Event({ headers: { 'X-Test': '1' } });
    expect(event.headers['X-Test']).toBe('1');
    expect(event.multiValueHeaders['X-Test']).toEqual(['1']);
    const { request, rawHeaders } = toRequest(event);
    expect(request.headers.get('x-test')).toBe('1');
    expect(rawHeaders.filter(([n]) => n === 'X-Test')).toEqual([['X-Test', '1']]);
  });

  it('L3: repeated values come from multiValueHeaders, each its own raw line', () => {
    const event = v1Event({ headers: [['X-Custom', 'a'], ['X-Custom', 'b']] });
    event.multiValueHeaders['X-Forwarded-For'] = ['a', 'b'];
    event.headers['X-Forwarded-For'] = 'b';
    expect(event.headers['X-Custom']).toBe('b');
    const { request, rawHeaders } = toRequest(event);
    expect(request.headers.get('x-custom')).toBe('a, b');
    expect(request.headers.get('x-forwarded-for')).toBe('a, b');
    expect(rawHeaders.filter(([n]) => n === 'X-Forwarded-For')).toEqual([['X-Forwarded-For', 'a'], ['X-Forwarded-For', 'b']]);
  });

  it('L3: falls back to headers for names multiValueHeaders lacks (and to headers alone)', () => {
    const event = v1Event({ headers: { 'X-A': '1' } });
    event.multiValueHeaders = {};
    expect(toRequest(event).request.headers.get('x-a')).toBe('1');
  });

  it('L4: mixed-case names are found case-insensitively and listed lower-case', () => {
    const event = v1Event({ method: 'POST', headers: { 'Content-Type': 'text/plain', 'X-Twilio-Signature': 's' }, body: 'x' });
    expect(event.headers.Host).toBe(REST_DOMAIN);
    const { request, rawHeaders } = toRequest(event);
    expect(request.headers.get('CONTENT-TYPE')).toBe('text/plain');
    expect(request.headers.get('host')).toBe(REST_DOMAIN);
    expect([...request.headers.keys()].every((n) => n === n.toLowerCase())).toBe(true);
    expect(rawHeaders).toContainEqual(['Content-Type', 'text/plain']);
  });

  it('L5: no query and a null body give no "?" and no body', async () => {
    const event = v1Event({ path: '/hello' });
    expect(event.queryStringParameters).toBeNull();
    expect(event.body).toBeNull();
    const { request, publicUrl } = toRequest(event);
    expect(request.url).toBe(`https://${REST_DOMAIN}/hello`);
    expect(publicUrl).toBe(`https://${REST_DOMAIN}/prod/hello`);
    expect(request.method).toBe('GET');
    expect(request.body).toBeNull();
  });

  it('L6: decoded query values are re-encoded so "+" stays a plus', async () => {
    const signedUrl = `https://${REST_DOMAIN}/prod/sms?To=%2B1555`;
    const event = v1Event({ path: '/sms', query: 'To=%2B1555', headers: { 'X-Twilio-Signature': getExpectedTwilioSignature(TOKEN, signedUrl, {}) } });
    expect(event.multiValueQueryStringParameters).toEqual({ To: ['+1555'] });
    const result = toRequest(event);
    expect(new URL(result.request.url).searchParams.get('To')).toBe('+1555');
    expect(result.publicUrl).toBe(signedUrl);
    expect(await signatureValid(result)).toBe(true);
  });

  it('L6: a space in a decoded value still validates (legacy querystring variant)', async () => {
    const signedUrl = `https://${REST_DOMAIN}/prod/sms?name=Ada%20Lovelace&x=1`;
    const event = v1Event({ path: '/sms', query: 'name=Ada+Lovelace&x=1', headers: { 'X-Twilio-Signature': getExpectedTwilioSignature(TOKEN, signedUrl, {}) } });
    expect(event.queryStringParameters).toEqual({ name: 'Ada Lovelace', x: '1' });
    expect(await signatureValid(toRequest(event))).toBe(true);
  });

  it('L7: base64 bodies (binaryMediaTypes */*) are decoded', async () => {
    const event = v1Event({ method: 'POST', path: '/sms', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'Body=hi+there&From=%2B1555', binaryMediaTypes: ['*/*'] });
    expect(event.isBase64Encoded).toBe(true);
    const form = new URLSearchParams(await toRequest(event).request.text());
    expect(form.get('Body')).toBe('hi there');
    expect(form.get('From')).toBe('+1555');
  });

  it('keeps binary bodies byte-exact', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
    for (const event of [
      v1Event({ method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: png, binaryMediaTypes: ['*/*'] }),
      v2Event({ method: 'POST', headers: { 'content-type': 'image/png' }, body: png }),
      albEvent({ method: 'POST', headers: { 'content-type': 'image/png' }, body: png }),
    ]) {
      expect(new Uint8Array(await toRequest(event).request.arrayBuffer())).toEqual(png);
    }
  });

  it('L23: a REST event with rawPath routes on path and signs with requestContext.path', () => {
    const event = v1Event({ path: '/api/sms', stripBasePath: '/api', domainName: 'hooks.example.com' });
    const { source, request, publicUrl } = toRequest(event);
    expect(source).toBe('v1');
    expect(new URL(request.url).pathname).toBe('/sms');
    expect(publicUrl).toBe('https://hooks.example.com/api/sms');
  });
});

describe('toRequest: HTTP API and Function URL (v2)', () => {
  it('L8: strips a named stage for routing, keeps it for the signature', () => {
    const { request, publicUrl } = toRequest(v2Event({ path: '/sms', stage: 'dev' }));
    expect(request.url).toBe(`https://${HTTP_API_DOMAIN}/sms`);
    expect(publicUrl).toBe(`https://${HTTP_API_DOMAIN}/dev/sms`);
  });

  it('L8: strips only a whole stage segment', () => {
    // e.g. through a custom domain, where the stage is not in the path
    const routed = (rawPath: string) => {
      const event = v2Event({ stage: 'dev' });
      event.rawPath = rawPath;
      return new URL(toRequest(event).request.url).pathname;
    };
    expect(routed('/devices')).toBe('/devices');
    expect(routed('/dev')).toBe('/');
    expect(routed('/dev/')).toBe('/');
    expect(routed('/dev/sms')).toBe('/sms');
    expect(new URL(toRequest(v2Event({ path: '/sms' })).request.url).pathname).toBe('/sms'); // $default
  });

  it('L9: keeps rawQueryString byte-identical', async () => {
    const signedUrl = `https://${HTTP_API_DOMAIN}/sms?q=a%20b&q=c+d`;
    const result = toRequest(v2Event({ path: '/sms', query: 'q=a%20b&q=c+d', headers: { 'x-twilio-signature': getExpectedTwilioSignature(TOKEN, signedUrl, {}) } }));
    const url = new URL(result.request.url);
    expect(url.search).toBe('?q=a%20b&q=c+d');
    expect(url.searchParams.getAll('q')).toEqual(['a b', 'c d']);
    expect(result.publicUrl).toBe(signedUrl);
    expect(await signatureValid(result)).toBe(true);
  });

  it('L10: decodes base64 form posts and validates the signature', async () => {
    const signed = `https://${HTTP_API_DOMAIN}/sms`;
    const event = v2Event({ method: 'POST', path: '/sms', headers: twilioHeaders(signed, FORM_PARAMS), body: FORM });
    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).toBe(Buffer.from(FORM).toString('base64'));
    const result = toRequest(event);
    expect(await result.request.clone().text()).toBe(FORM);
    expect(await signatureValid(result)).toBe(true);
  });

  it('L11: rebuilds one Cookie header from cookies[]', () => {
    const event = v2Event({ headers: { Cookie: 'x=1; y=2' } });
    expect(event.cookies).toEqual(['x=1', 'y=2']);
    expect(event.headers.cookie).toBeUndefined();
    expect(toRequest(event).request.headers.get('cookie')).toBe('x=1; y=2');
  });

  it('L11: does not double cookies when a Function URL sends both cookie and cookies[]', () => {
    const event = functionUrlEvent({ headers: { cookie: 'x=1; y=2' } });
    expect(event.headers.cookie).toBe('x=1; y=2');
    const { request, rawHeaders } = toRequest(event);
    expect(request.headers.get('cookie')).toBe('x=1; y=2');
    expect(rawHeaders.filter(([n]) => n.toLowerCase() === 'cookie')).toEqual([['cookie', 'x=1; y=2']]);
  });

  it('L12: a GET flagged isBase64Encoded without a body has no body', () => {
    const event = v2Event({ path: '/x' });
    expect(event.isBase64Encoded).toBe(true);
    expect('body' in event).toBe(false);
    expect(toRequest(event).request.body).toBeNull();
    expect(toRequest({ ...event, body: '' }).request.body).toBeNull();
  });

  it('L13: a comma-joined header stays one value', () => {
    const { request, rawHeaders } = toRequest(v2Event({ headers: { accept: 'a,b' } }));
    expect(request.headers.get('accept')).toBe('a,b');
    expect(rawHeaders).toContainEqual(['accept', 'a,b']);
  });

  it('L14: a Function URL event is v2 and signs with the lambda-url host', () => {
    const result = toRequest(functionUrlEvent({ path: '/sms', query: 'a=1' }));
    expect(result.source).toBe('v2');
    expect(result.publicUrl).toBe('https://abc.lambda-url.us-east-1.on.aws/sms?a=1');
    expect(result.request.url).toBe('https://abc.lambda-url.us-east-1.on.aws/sms?a=1');
  });

  it('L25: JSON body and bodySHA256 query reach the core byte-identical', async () => {
    const body = '{"b":2,"a":"ünï","n":[1,2]}';
    const hash = createHash('sha256').update(body).digest('hex');
    const signed = `https://${HTTP_API_DOMAIN}/hook?bodySHA256=${hash}`;
    const sig = getExpectedTwilioSignature(TOKEN, signed, {});
    for (const event of [
      v2Event({ method: 'POST', path: '/hook', query: `bodySHA256=${hash}`, headers: { 'content-type': 'application/json', 'x-twilio-signature': sig }, body }),
      v1Event({ method: 'POST', path: '/hook', query: `bodySHA256=${hash}`, headers: { 'Content-Type': 'application/json' }, body }),
    ]) {
      const { request, publicUrl } = toRequest(event);
      expect(await request.text()).toBe(body);
      expect(publicUrl).toContain(`?bodySHA256=${hash}`);
    }
    const v2 = toRequest(v2Event({ method: 'POST', path: '/hook', query: `bodySHA256=${hash}`, headers: { 'content-type': 'application/json', 'x-twilio-signature': sig }, body }));
    expect(v2.publicUrl).toBe(signed);
    expect(validateRequestWithBody(TOKEN, sig, v2.publicUrl, await v2.request.text())).toBe(true);
  });
});

describe('toRequest: ALB', () => {
  it('L15: raw query values are never re-encoded', () => {
    const event = albEvent({ path: '/q', query: 'q=a%20b&e=%E6%97%A5' });
    expect(event.queryStringParameters).toEqual({ q: 'a%20b', e: '%E6%97%A5' });
    const { request, publicUrl } = toRequest(event);
    const url = new URL(request.url);
    expect(url.search).toBe('?q=a%20b&e=%E6%97%A5');
    expect(url.searchParams.get('q')).toBe('a b');
    expect(url.searchParams.get('e')).toBe('日');
    expect(publicUrl).toBe(`https://${ALB_HOST}/q?q=a%20b&e=%E6%97%A5`);
  });

  it('L15: multi-value query keeps every raw value in order', () => {
    const { request } = toRequest(albEvent({ query: 'm=1&m=a+b' }, { multiValue: true }));
    expect(new URL(request.url).search).toBe('?m=1&m=a+b');
  });

  it('L16: multi-value headers join with ", " except Cookie with "; "', () => {
    const event = albEvent({ headers: [['accept', 'text/html'], ['accept', 'application/json'], ['cookie', 'a=1'], ['cookie', 'b=2']] }, { multiValue: true });
    expect(event.multiValueHeaders!.accept).toEqual(['text/html', 'application/json']);
    const { request, rawHeaders, multiValue } = toRequest(event);
    expect(multiValue).toBe(true);
    expect(request.headers.get('accept')).toBe('text/html, application/json');
    expect(request.headers.get('cookie')).toBe('a=1; b=2');
    expect(rawHeaders.filter(([n]) => n === 'cookie')).toEqual([['cookie', 'a=1'], ['cookie', 'b=2']]);
  });

  it('L17: uses the listener scheme and a non-default port in the public URL', async () => {
    const signed = `http://${ALB_HOST}:8080/sms`;
    const result = toRequest(albEvent({ method: 'POST', path: '/sms', headers: twilioHeaders(signed, FORM_PARAMS), body: FORM }, { protocol: 'http', port: 8080 }));
    expect(result.publicUrl).toBe(signed);
    expect(await signatureValid(result)).toBe(true);
    expect(toRequest(albEvent({ path: '/sms' }, { protocol: 'http', port: 80 })).publicUrl).toBe(`http://${ALB_HOST}/sms`);
    expect(toRequest(albEvent({ path: '/sms' })).publicUrl).toBe(`https://${ALB_HOST}/sms`);
    // A port already in Host is not added twice.
    expect(toRequest(albEvent({ path: '/sms', headers: { host: 'lb.example.com:8443' } }, { port: 8443 })).publicUrl).toBe('https://lb.example.com:8443/sms');
  });

  it('L18: a GET with body "" has no body', () => {
    const event = albEvent({ path: '/x' });
    expect(event.body).toBe('');
    expect(toRequest(event).request.body).toBeNull();
  });

  it('L19: X-Forwarded-For reaches the core intact, real client last', () => {
    const event = albEvent({ headers: { 'x-forwarded-for': 'spoof' }, sourceIp: '198.51.100.9' });
    const { request, rawHeaders } = toRequest(event);
    expect(request.headers.get('x-forwarded-for')).toBe('spoof, 198.51.100.9');
    expect(rawHeaders).toContainEqual(['x-forwarded-for', 'spoof, 198.51.100.9']);
  });

  it('rejects a Host header that could change the authority', () => {
    const event = albEvent({ headers: { host: 'evil.com/x?' } });
    expect(adapterError(() => toRequest(event))).toMatchObject({ status: 400, message: 'Invalid Host header' });
  });
});

describe('toRequest: all sources', () => {
  const builders = {
    v1: (spec: Parameters<typeof v1Event>[0]) => v1Event({ ...spec, binaryMediaTypes: ['*/*'] }),
    v2: v2Event,
    functionUrl: functionUrlEvent,
    albSingle: (spec: Parameters<typeof albEvent>[0]) => albEvent(spec),
    albMulti: (spec: Parameters<typeof albEvent>[0]) => albEvent(spec, { multiValue: true }),
  };

  it.each(Object.entries(builders))('L20: %s computes Content-Length from the decoded bytes', async (_name, build) => {
    const body = 'x'.repeat(10_240);
    const event = build({ method: 'POST', headers: { 'Content-Type': 'text/plain', 'Content-Length': '1' }, body });
    const { request, rawHeaders } = toRequest(event);
    expect(request.headers.get('content-length')).toBe('10240');
    expect((await request.arrayBuffer()).byteLength).toBe(10_240);
    expect(rawHeaders.filter(([n]) => n.toLowerCase() === 'content-length')).toEqual([['content-length', '10240']]);
  });

  it.each(Object.entries(builders))('L21: %s accepts non-ASCII header values losslessly', (_name, build) => {
    const { request, rawHeaders } = toRequest(build({ headers: { 'X-City': '炎 café' } }));
    const value = request.headers.get('x-city')!;
    expect(Buffer.from(value, 'latin1').toString('utf8')).toBe('炎 café');
    expect(rawHeaders.find(([n]) => n.toLowerCase() === 'x-city')![1]).toBe(value);
  });

  it.each(Object.entries(builders))('L22: %s rejects an invalid header name with a 400', (_name, build) => {
    expect(adapterError(() => toRequest(build({ headers: { 'a"a': '1' } })))).toMatchObject({ status: 400, message: 'Invalid header name' });
  });

  it.each(Object.entries(builders))('rejects a header value Headers cannot hold (%s)', (_name, build) => {
    expect(adapterError(() => toRequest(build({ headers: { 'x-bad': 'a\r\nInjected: 1' } })))).toMatchObject({ status: 400, message: 'Invalid header value' });
  });

  it.each(Object.entries(builders))('L24: %s passes proxy headers through for the core to filter', (_name, build) => {
    const { request } = toRequest(build({ headers: { Via: '1.1 cloudfront' } }));
    for (const name of ['x-amzn-trace-id', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-port', 'via']) {
      expect(request.headers.has(name)).toBe(true);
    }
  });

  it.each(Object.entries(builders))('L26: %s carries both the query and the body', async (_name, build) => {
    const { request } = toRequest(build({ method: 'POST', path: '/x', query: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=2' }));
    expect(new URL(request.url).searchParams.get('a')).toBe('1');
    expect(await request.text()).toBe('a=2');
  });

  it.each(Object.entries(builders))('%s never lets the path change the authority', (_name, build) => {
    const { request, publicUrl } = toRequest(build({ path: '//evil.com/x' }));
    const url = new URL(request.url);
    expect(url.host).not.toBe('evil.com');
    expect(url.pathname).toBe('//evil.com/x');
    expect(new URL(publicUrl).host).not.toBe('evil.com');
  });

  it.each(Object.entries(builders))('L12/L18: %s never attaches a body to GET or HEAD', (_name, build) => {
    for (const method of ['GET', 'HEAD']) {
      // Clients may send one; a Request cannot carry it, so it must not crash the invocation,
      // but its length is kept so the core can refuse it as hosted Twilio does (403).
      const { request } = toRequest(build({ method, headers: { 'Content-Type': 'text/plain' }, body: 'stray' }));
      expect(request.method).toBe(method);
      expect(request.body).toBeNull();
      expect(request.headers.get('content-length')).toBe('5');
    }
  });

  it('encodes characters that would end the path early', () => {
    const event = albEvent({ path: '/a?b#c d\te' });
    const url = new URL(toRequest(event).request.url);
    expect(url.pathname).toBe('/a%3Fb%23c%20d%09e');
    expect(url.search).toBe('');
  });

  it('keeps percent-encoded paths as received', () => {
    const url = new URL(toRequest(v1Event({ path: '/files/a%2Fb%20c' })).request.url);
    expect(url.pathname).toBe('/files/a%2Fb%20c');
  });

  it('rejects invalid base64 bodies with a 400', () => {
    const event = { ...v2Event({ method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'x' }), body: 'not*base64!' };
    expect(adapterError(() => toRequest(event))).toMatchObject({ status: 400, message: 'Invalid base64 request body' });
  });

  it('rejects methods a Request cannot carry with a 400', () => {
    expect(adapterError(() => toRequest(albEvent({ method: 'CONNECT' })))).toMatchObject({ status: 400 });
    const event = v2Event();
    (event.requestContext.http as { method?: string }).method = undefined;
    expect(adapterError(() => toRequest(event))).toMatchObject({ status: 400, message: 'Lambda event has no HTTP method' });
  });

  it('falls back to the Host header when requestContext.domainName is missing', () => {
    const event = v2Event({ headers: { host: 'api.example.com' } });
    delete (event.requestContext as { domainName?: string }).domainName;
    expect(toRequest(event).publicUrl).toBe('https://api.example.com/');
  });
});

describe('toRuntimeRequest (the handler\'s path, without a WHATWG Request)', () => {
  it('carries what toRequest carries', async () => {
    const events = [
      v1Event({ method: 'POST', path: '/sms', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-A': ' 1 ' }, body: FORM }),
      { ...v2Event({ path: '/sms', headers: { accept: 'a,b' } }), cookies: ['x=1', 'y=2'] },
      albEvent({ method: 'GET', path: '/x', headers: { 'x-forwarded-proto': 'http' } }),
    ];
    for (const event of events) {
      const light = toRuntimeRequest(event);
      const web = toRequest(event);
      expect([light.request.url, light.request.method, light.publicUrl]).toEqual([web.request.url, web.request.method, web.publicUrl]);
      expect([...light.request.headers.entries()]).toEqual([...web.request.headers.entries()]);
      const body = light.request.body ? new TextDecoder().decode(light.request.body) : null;
      expect(body).toBe(web.request.body ? await web.request.text() : null);
    }
  });

  it('refuses what new Request() refuses, with the same 400', () => {
    const badHost = v2Event({ headers: { host: 'a.example.com:99999' } });
    delete (badHost as { requestContext: { domainName?: string } }).requestContext.domainName;
    const cases = [
      [albEvent({ method: 'CONNECT' }), 'Invalid HTTP method'],
      [albEvent({ method: 'TRACE' }), 'Invalid HTTP method'],
      [badHost, 'Invalid Host header'],
    ] as const;
    for (const [event, message] of cases) {
      expect(adapterError(() => toRequest(event))).toMatchObject({ status: 400, message });
      expect(adapterError(() => toRuntimeRequest(event))).toMatchObject({ status: 400, message });
    }
  });
});
