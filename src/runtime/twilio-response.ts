/**
 * `Twilio.Response`: the response builder Twilio Functions give handlers (B-58…B-63).
 *
 * @example
 * const response = new Twilio.Response();
 * response.setStatusCode(201).appendHeader('Content-Type', 'application/json').setBody({ ok: true });
 * callback(null, response);
 */
export type HeaderValue = string | number | Array<string | number>;

export interface TwilioResponseOptions {
  statusCode?: number;
  body?: unknown;
  headers?: Record<string, HeaderValue>;
}

const SET_COOKIE = 'Set-Cookie';

export class TwilioResponse {
  statusCode = 200;
  body: unknown = null;
  headers: Record<string, HeaderValue> = { [SET_COOKIE]: [] };

  constructor(options: TwilioResponseOptions = {}) {
    if (options.statusCode) this.statusCode = options.statusCode;
    if (options.body) this.body = options.body;
    if (options.headers) this.setHeaders(options.headers);
  }

  setStatusCode(statusCode: number): this {
    this.statusCode = statusCode;
    return this;
  }

  setBody(body: unknown): this {
    this.body = body;
    return this;
  }

  /** Replaces every header, including earlier cookies (B-60). */
  setHeaders(headers: Record<string, HeaderValue>): this {
    if (typeof headers !== 'object' || headers === null) return this;
    this.headers = { [SET_COOKIE]: [] };
    for (const [key, value] of Object.entries(headers)) this.appendHeader(key, value);
    return this;
  }

  /** Adds a value; an existing key turns into an array of all values (B-61). */
  appendHeader(key: string, value: HeaderValue): this {
    if (typeof value === 'object' && !Array.isArray(value)) {
      throw new Error('Header value cannot be an object');
    }
    const name = key.toLowerCase() === 'set-cookie' ? SET_COOKIE : key;
    const existing = this.headers[name];
    if (name === SET_COOKIE) {
      this.headers[name] = [...toArray(existing), ...toArray(value)];
    } else if (existing === undefined) {
      this.headers[name] = value;
    } else {
      this.headers[name] = [...toArray(existing), ...toArray(value)];
    }
    return this;
  }

  /** Appends `name=value;attr1;attr2` as Twilio does: no encoding, no spaces (B-62). */
  setCookie(name: string, value: string, attributes: string[] = []): this {
    return this.appendHeader(SET_COOKIE, [`${name}=${value}`, ...attributes].join(';'));
  }

  /** Drops cookies set earlier under this name and expires it in the client (B-63). */
  removeCookie(name: string): this {
    const kept = toArray(this.headers[SET_COOKIE]).filter((c) => !String(c).startsWith(`${name}=`));
    this.headers[SET_COOKIE] = [...kept, `${name}=;Max-Age=0`];
    return this;
  }
}
// Named as twilio-run's (`class Response`); set rather than declared, so minifying cannot change it.
Object.defineProperty(TwilioResponse, 'name', { value: 'Response' });

function toArray(value: HeaderValue | undefined): Array<string | number> {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
