/**
 * Converter: Lambda event → standard `Request` plus the facts the core cannot read from it
 * (public URL for signatures, header lines as received).
 */
import { detectEventSource, isAlbMultiValue, type EventSource } from './detect';
import { AdapterError } from './errors';
import { collectHeaders } from './headers';
import { eventUrls } from './url';

type Loose = Record<string, unknown>;

/** Result of {@link toRequest}. */
export interface LambdaRequest {
  /** URL `https://<host><route path>?<query>`; body already decoded to bytes. */
  request: Request;
  /** The URL the caller requested (stage and scheme/port included), for `FetchOptions.publicUrl`. */
  publicUrl: string;
  /** Each header value as its own pair, for `FetchOptions.rawHeaders`. */
  rawHeaders: [string, string][];
  source: EventSource;
  /** ALB in multi-value header mode: the response must use `multiValueHeaders` too. */
  multiValue: boolean;
}

/** Strict base64 (standard alphabet, optional padding); `Buffer.from` would silently skip junk. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The request body as bytes, or undefined when the request has none. */
function decodeBody(event: Loose): Uint8Array<ArrayBuffer> | undefined {
  // AWS sends `""` (ALB, L18) or `isBase64Encoded: true` without a body (HTTP API, L12) for GETs.
  const body = event.body;
  if (typeof body !== 'string' || body === '') return undefined;
  if (event.isBase64Encoded !== true) return new TextEncoder().encode(body);
  const compact = body.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
    throw new AdapterError(400, 'Invalid base64 request body');
  }
  // Bytes, not text: form posts are ASCII, but media uploads must stay binary-exact.
  const bytes = Buffer.from(compact, 'base64');
  // (Node's base64 decoder never returns a SharedArrayBuffer-backed Buffer.)
  return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

/** The HTTP method of a classified event. */
function eventMethod(event: Loose, source: EventSource): string {
  const method = source === 'v2'
    ? (event.requestContext as { http?: { method?: unknown } }).http?.method
    : event.httpMethod;
  if (typeof method !== 'string' || method === '') throw new AdapterError(400, 'Lambda event has no HTTP method');
  return method.toUpperCase();
}

/**
 * Translates an API Gateway (REST or HTTP API), Function URL or ALB event into a `Request`.
 * @throws AdapterError 400 for events or requests that cannot be represented (unknown event type,
 *   invalid header name or value, invalid base64 body, bad host or method).
 */
export function toRequest(event: unknown): LambdaRequest {
  const source = detectEventSource(event);
  const loose = event as Loose;
  const multiValue = isAlbMultiValue(event);
  const method = eventMethod(loose, source);
  const { headers, rawHeaders } = collectHeaders(loose, source, multiValue);
  const { url, publicUrl } = eventUrls(loose, source, headers);
  const decoded = decodeBody(loose);
  if (decoded) {
    // The client's Content-Length was dropped (L20); state the real length so the core's body
    // limit and `event.request.headers` see the truth.
    headers.set('content-length', String(decoded.byteLength));
    rawHeaders.push(['content-length', String(decoded.byteLength)]);
  }
  // A `Request` cannot carry a GET/HEAD body; its Content-Length still tells the core one was sent
  // (hosted Twilio answers such GETs with 403).
  const body = method === 'GET' || method === 'HEAD' ? undefined : decoded;
  let request: Request;
  try {
    request = new Request(url, { method, headers, body });
  } catch {
    // URL and headers are validated above, so this is a method `Request` refuses (CONNECT,
    // TRACE, or not a token).
    throw new AdapterError(400, 'Invalid HTTP method');
  }
  return { request, publicUrl, rawHeaders, source, multiValue };
}
