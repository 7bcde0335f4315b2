import { describe, expect, it } from 'vitest';
import { ALB_HOST, HTTP_API_DOMAIN, REST_DOMAIN, TRACE_ID, albEvent, functionUrlEvent, v1Event, v2Event } from './synthetic-events';

const FORM = 'Body=hi+there&From=%2B1555';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('v1Event (REST API as captured)', () => {
  const event = v1Event({
    method: 'post', path: '/sms', query: 'q=a+b&To=%2B1&q=c', body: FORM,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', accept: '*/*', 'Content-Length': '26' },
  });

  it('keeps client casing, fills both header maps and adds the API Gateway headers', () => {
    expect(event.headers).toMatchObject({ Host: REST_DOMAIN, 'Content-Type': 'application/x-www-form-urlencoded', accept: '*/*', 'X-Amzn-Trace-Id': TRACE_ID, 'X-Forwarded-Port': '443', 'X-Forwarded-Proto': 'https' });
    expect(event.multiValueHeaders.accept).toEqual(['*/*']);
    expect(Object.keys(event.headers)).toEqual(Object.keys(event.multiValueHeaders));
    // REST drops Content-Length.
    expect(Object.keys(event.headers).some((n) => n.toLowerCase() === 'content-length')).toBe(false);
  });

  it('puts the stage in requestContext.path only', () => {
    expect(event.path).toBe('/sms');
    expect(event.requestContext.path).toBe('/prod/sms');
    expect(event.requestContext.stage).toBe('prod');
    expect(event.httpMethod).toBe('POST');
    expect(event.resource).toBe('/{proxy+}');
  });

  it('decodes query values ("+" as space, %2B as plus)', () => {
    expect(event.multiValueQueryStringParameters).toEqual({ q: ['a b', 'c'], To: ['+1'] });
    expect(event.queryStringParameters).toEqual({ q: 'c', To: '+1' });
  });

  it('base64-encodes bodies only for matching binaryMediaTypes', () => {
    expect(event).toMatchObject({ body: FORM, isBase64Encoded: false });
    expect(v1Event({ method: 'POST', body: FORM, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, binaryMediaTypes: ['*/*'] })).toMatchObject({ body: b64(FORM), isBase64Encoded: true });
    expect(v1Event({ method: 'POST', body: 'x', headers: { 'Content-Type': 'image/png' }, binaryMediaTypes: ['image/*'] }).isBase64Encoded).toBe(true);
    expect(v1Event({ method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' }, binaryMediaTypes: ['image/*'] }).isBase64Encoded).toBe(false);
  });

  it('uses null for absent query and body, and rawPath only with routing rules', () => {
    const get = v1Event();
    expect(get).toMatchObject({ path: '/', body: null, queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null, isBase64Encoded: false });
    expect(get).not.toHaveProperty('rawPath');
  });
});

describe('v2Event (HTTP API as captured)', () => {
  it('lower-cases headers, moves cookies to cookies[] and joins repeats with ","', () => {
    const event = v2Event({ headers: [['Accept', 'a'], ['Accept', 'b'], ['Cookie', 'x=1; y=2'], ['User-Agent', 'TwilioProxy/1.1']] });
    expect(event.headers).toMatchObject({ accept: 'a,b', host: HTTP_API_DOMAIN, 'user-agent': 'TwilioProxy/1.1', 'x-forwarded-proto': 'https' });
    expect(event.cookies).toEqual(['x=1', 'y=2']);
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.requestContext.http.userAgent).toBe('TwilioProxy/1.1');
  });

  it('keeps rawQueryString raw and joins decoded repeats in queryStringParameters', () => {
    const event = v2Event({ query: 'q=a%20b&q=c+d' });
    expect(event.rawQueryString).toBe('q=a%20b&q=c+d');
    expect(event.queryStringParameters).toEqual({ q: 'a b,c d' });
    expect(v2Event()).not.toHaveProperty('queryStringParameters');
  });

  it('prefixes a named stage and percent-decodes rawPath', () => {
    expect(v2Event({ path: '/sms', stage: 'dev' })).toMatchObject({ rawPath: '/dev/sms', requestContext: { stage: 'dev', http: { path: '/dev/sms' } } });
    expect(v2Event({ path: '/th%69ng' }).rawPath).toBe('/thing');
    expect(v2Event().requestContext.stage).toBe('$default');
  });

  it('base64-encodes form bodies, not JSON; flags a bodiless GET as base64', () => {
    expect(v2Event({ method: 'POST', body: FORM, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toMatchObject({ body: b64(FORM), isBase64Encoded: true });
    expect(v2Event({ method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).toMatchObject({ body: '{}', isBase64Encoded: false });
    const get = v2Event();
    expect(get.isBase64Encoded).toBe(true);
    expect(get).not.toHaveProperty('body');
  });

  it('keeps the client Content-Length', () => {
    expect(v2Event({ method: 'POST', body: 'abc', headers: { 'content-type': 'text/plain' } }).headers['content-length']).toBe('3');
  });
});

describe('functionUrlEvent', () => {
  it('uses the lambda-url domain, $default stage and keeps the cookie header next to cookies[]', () => {
    const event = functionUrlEvent({ path: '/a%20b', headers: { cookie: 'x=1' } });
    expect(event.requestContext.domainName).toBe('abc.lambda-url.us-east-1.on.aws');
    expect(event.headers.host).toBe('abc.lambda-url.us-east-1.on.aws');
    expect(event).toMatchObject({ version: '2.0', routeKey: '$default', rawPath: '/a%20b', cookies: ['x=1'], headers: { cookie: 'x=1' } });
  });
});

describe('albEvent', () => {
  it('single mode: last value wins, query raw, no multi-value maps', () => {
    const event = albEvent({ query: 'q=a%20b&q=%E6%97%A5', headers: [['Accept', 'a'], ['Accept', 'b']] });
    expect(event.queryStringParameters).toEqual({ q: '%E6%97%A5' });
    expect(event.headers).toMatchObject({ accept: 'b', host: ALB_HOST, 'x-forwarded-port': '443', 'x-forwarded-proto': 'https' });
    expect(event).not.toHaveProperty('multiValueHeaders');
  });

  it('multi mode: arrays only', () => {
    const event = albEvent({ query: 'q=1&q=2', headers: [['Accept', 'a'], ['Accept', 'b']] }, { multiValue: true });
    expect(event.multiValueQueryStringParameters).toEqual({ q: ['1', '2'] });
    expect(event.multiValueHeaders!.accept).toEqual(['a', 'b']);
    expect(event).not.toHaveProperty('headers');
    expect(event).not.toHaveProperty('queryStringParameters');
  });

  it('appends the client IP to X-Forwarded-For and reflects the listener', () => {
    const event = albEvent({ headers: { 'X-Forwarded-For': 'spoof', 'X-Forwarded-Proto': 'gopher' }, sourceIp: '198.51.100.9' }, { protocol: 'http', port: 8080 });
    expect(event.headers).toMatchObject({ 'x-forwarded-for': 'spoof, 198.51.100.9', 'x-forwarded-proto': 'http', 'x-forwarded-port': '8080' });
  });

  it('sends "" for a GET body and base64 for forms', () => {
    expect(albEvent()).toMatchObject({ body: '', isBase64Encoded: false, httpMethod: 'GET' });
    expect(albEvent({ method: 'POST', body: FORM, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toMatchObject({ body: b64(FORM), isBase64Encoded: true });
    expect(albEvent({ method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).toMatchObject({ body: '{}', isBase64Encoded: false });
  });
});
