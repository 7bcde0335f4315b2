import { describe, expect, it } from 'vitest';
import { TwilioResponse } from './twilio-response';

describe('TwilioResponse (B-58…B-63)', () => {
  it('starts as 200 with a null body and an empty cookie list', () => {
    const response = new TwilioResponse();
    expect([response.statusCode, response.body, response.headers]).toEqual([200, null, { 'Set-Cookie': [] }]);
  });

  it('takes constructor options and turns a string cookie into a list', () => {
    const response = new TwilioResponse({ statusCode: 418, body: 'tea', headers: { 'set-cookie': 'Hi=Bye', 'X-A': '1' } });
    expect(response.headers).toEqual({ 'Set-Cookie': ['Hi=Bye'], 'X-A': '1' });
    expect([response.statusCode, response.body]).toEqual([418, 'tea']);
  });

  it('setHeaders replaces everything, including earlier cookies', () => {
    const response = new TwilioResponse().setCookie('a', '1').appendHeader('X-Old', '1');
    response.setHeaders({ 'X-New': '2' });
    expect(response.headers).toEqual({ 'Set-Cookie': [], 'X-New': '2' });
  });

  it('appendHeader collects repeated keys into a flat array and rejects objects', () => {
    const response = new TwilioResponse().appendHeader('Allow', 'GET').appendHeader('Allow', 'DELETE').appendHeader('Allow', ['PUT', 'POST']);
    expect(response.headers.Allow).toEqual(['GET', 'DELETE', 'PUT', 'POST']);
    expect(() => response.appendHeader('X', { a: 1 } as never)).toThrow('Header value cannot be an object');
  });

  it('formats cookies like Twilio and removes them by name', () => {
    const response = new TwilioResponse()
      .setCookie('Hello', 'World', ['HttpOnly', 'Secure', 'SameSite=Strict', 'Max-Age=86400'])
      .setCookie('name', 'value')
      .removeCookie('Hello');
    expect(response.headers['Set-Cookie']).toEqual(['name=value', 'Hello=;Max-Age=0']);
  });

  it('chains every method', () => {
    const response = new TwilioResponse();
    for (const result of [response.setStatusCode(1), response.setBody(''), response.setHeaders({}), response.appendHeader('a', 'b'), response.setCookie('a', 'b'), response.removeCookie('a')]) {
      expect(result).toBe(response);
    }
  });
});
