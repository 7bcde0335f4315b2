/**
 * Maps what a handler passes to `callback(err, payload)` to the core's response (a
 * `RuntimeResult`, see result.ts), following hosted Twilio where it differs from twilio-run
 * (docs/compatibility.md).
 */
import { errorResponse } from './errors';
import { HeaderList } from './header-list';
import { FRAMING_HEADERS, makeResult, textResult, type RuntimeResult } from './result';
import { TwilioResponse, type HeaderValue } from './twilio-response';

/** @throws like `new Response(...)` when a `Twilio.Response` has an invalid status or header. */
export function successResponse(payload: unknown): RuntimeResult {
  if (payload === undefined || payload === null) return { status: 200, headers: {}, cookies: [], body: null };
  // TwiML before the shape test of a Twilio.Response: the most common payload, and the shape test
  // looks up methods a TwiML object does not have, through its whole prototype chain.
  if (payload instanceof TwilioResponse) return fromTwilioResponse(payload);
  if (isTwiml(payload)) return textResult(200, String(payload), 'text/xml; charset=utf-8');
  if (isTwilioResponse(payload)) return fromTwilioResponse(payload);
  if (typeof payload === 'string') return textResult(200, payload, 'text/plain; charset=utf-8');
  if (payload instanceof Uint8Array || payload instanceof ArrayBuffer) {
    return { status: 200, headers: { 'content-type': 'application/octet-stream' }, cookies: [], body: copyBytes(payload) };
  }
  // Numbers and booleans are JSON too: `callback(null, 42)` must not be read as a status code.
  return textResult(200, JSON.stringify(payload) ?? '', 'application/json; charset=utf-8');
}

/** `callback(error)` and thrown errors: 500 with `{ message, name }`; a plain object is sent as is. */
export function failureResponse(error: unknown, debug: boolean): RuntimeResult {
  if (error instanceof Error) {
    return errorResponse(500, error.message, error.name || 'Error', { stack: debug ? error.stack : undefined });
  }
  if (typeof error === 'object' && error !== null) return textResult(500, JSON.stringify(error), 'application/json; charset=utf-8');
  return errorResponse(500, String(error), 'Error');
}

function fromTwilioResponse(response: TwilioResponse): RuntimeResult {
  const headers = new HeaderList();
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (FRAMING_HEADERS.has(name.toLowerCase())) continue; // the host frames the body it sends
    for (const item of flatten(value)) {
      headers.append(name, name === 'Set-Cookie' ? hostedCookie(item) : item);
    }
  }
  const { body } = response;
  let payload: string | Uint8Array | null = null;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    payload = copyBytes(body);
    if (!headers.has('content-type')) headers.append('content-type', 'application/octet-stream');
  } else if (typeof body === 'string') {
    payload = body;
    if (!headers.has('content-type')) headers.append('content-type', 'text/html; charset=utf-8');
  } else if (body !== null && body !== undefined) {
    payload = JSON.stringify(body);
    if (!headers.has('content-type')) headers.append('content-type', 'application/json; charset=utf-8');
  }
  return makeResult(response.statusCode, headers, payload);
}

/** Hosted Twilio marks every cookie HttpOnly and Secure (B-64). */
function hostedCookie(cookie: string): string {
  const attributes = cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
  let result = cookie;
  if (!attributes.includes('httponly')) result += ';HttpOnly';
  if (!attributes.includes('secure')) result += ';Secure';
  return result;
}

function flatten(value: HeaderValue): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

/**
 * A `Twilio.Response` by shape, so one made by another copy of this runtime counts too: each Lambda
 * bundle carries its own, and `tfa dev --target aws` loads them all in one process, where the
 * `Twilio` global of the first one stays.
 */
function isTwilioResponse(value: unknown): value is TwilioResponse {
  const candidate = value as Partial<TwilioResponse>;
  return typeof candidate === 'object' && typeof candidate.setBody === 'function' && typeof candidate.statusCode === 'number';
}

/** TwiML objects, recognised by shape so a project's own copy of twilio counts too. */
function isTwiml(value: unknown): boolean {
  const candidate = value as { response?: { end?: unknown }; _propertyName?: unknown };
  return typeof candidate === 'object' && typeof candidate.response?.end === 'function' && '_propertyName' in candidate;
}

/** A copy, as `new Response(bytes)` makes one: later changes by the function must not show. */
function copyBytes(body: Uint8Array | ArrayBuffer): Uint8Array {
  return new Uint8Array(body instanceof ArrayBuffer ? new Uint8Array(body) : body);
}
