/**
 * Maps what a handler passes to `callback(err, payload)` to a Web `Response`, following hosted
 * Twilio where it differs from twilio-run (section 8 of the runtime notes).
 */
import { errorResponse } from './errors';
import { TwilioResponse, type HeaderValue } from './twilio-response';

export function successResponse(payload: unknown): Response {
  if (payload === undefined || payload === null) return new Response(null, { status: 200 });
  if (isTwilioResponse(payload)) return fromTwilioResponse(payload);
  if (isTwiml(payload)) return text(String(payload), 'text/xml; charset=utf-8');
  if (typeof payload === 'string') return text(payload, 'text/plain; charset=utf-8');
  if (payload instanceof Uint8Array || payload instanceof ArrayBuffer) {
    return new Response(toBytes(payload), { headers: { 'content-type': 'application/octet-stream' } });
  }
  // Numbers and booleans are JSON too: `callback(null, 42)` must not be read as a status code.
  return text(JSON.stringify(payload) ?? '', 'application/json; charset=utf-8');
}

/** `callback(error)` and thrown errors: 500 with `{ message, name }`; a plain object is sent as is. */
export function failureResponse(error: unknown, debug: boolean): Response {
  if (error instanceof Error) {
    return errorResponse(500, error.message, error.name || 'Error', { stack: debug ? error.stack : undefined });
  }
  if (typeof error === 'object' && error !== null) return text(JSON.stringify(error), 'application/json; charset=utf-8', 500);
  return errorResponse(500, String(error), 'Error');
}

function fromTwilioResponse(response: TwilioResponse): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    for (const item of flatten(value)) {
      headers.append(name, name === 'Set-Cookie' ? hostedCookie(item) : item);
    }
  }
  const { body } = response;
  let payload: BodyInit | null = null;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    payload = toBytes(body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/octet-stream');
  } else if (typeof body === 'string') {
    payload = body;
    if (!headers.has('content-type')) headers.set('content-type', 'text/html; charset=utf-8');
  } else if (body !== null && body !== undefined) {
    payload = JSON.stringify(body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json; charset=utf-8');
  }
  return new Response(payload, { status: response.statusCode, headers });
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

function isTwilioResponse(value: unknown): value is TwilioResponse {
  if (value instanceof TwilioResponse) return true;
  const candidate = value as Partial<TwilioResponse>;
  return typeof candidate === 'object' && typeof candidate.setBody === 'function' && typeof candidate.statusCode === 'number';
}

/** TwiML objects, recognised by shape so a project's own copy of twilio counts too. */
function isTwiml(value: unknown): boolean {
  const candidate = value as { response?: { end?: unknown }; _propertyName?: unknown };
  return typeof candidate === 'object' && typeof candidate.response?.end === 'function' && '_propertyName' in candidate;
}

function text(body: string, contentType: string, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': contentType } });
}

function toBytes(body: Uint8Array | ArrayBuffer): Uint8Array<ArrayBuffer> {
  return (body instanceof ArrayBuffer ? new Uint8Array(body) : body) as Uint8Array<ArrayBuffer>;
}
