/**
 * Converter: Lambda event → the core's `RuntimeRequest` (or a standard `Request`) plus the facts
 * the core cannot read from it (public URL for signatures, header lines as received).
 */
import { detectEventSource, isAlbMultiValue, type EventSource } from './detect';
import { AdapterError } from './errors';
import { TOKEN, type HeaderList } from '../../src/runtime/header-list';
import type { RuntimeRequest } from '../../src/runtime/types';
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

/** Methods `new Request()` refuses (besides non-tokens). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Result of {@link toRuntimeRequest}: the request as the core's `RuntimeRequest`. */
export interface LambdaRuntimeRequest extends Omit<LambdaRequest, 'request'> {
  request: RuntimeRequest & { headers: HeaderList; body: Uint8Array | null };
}

/** The last URL origin that parsed: a warm Lambda sees the same host on every invoke. */
let lastParsedOrigin = '';

/**
 * Whether the URL parser accepts `url`. Only its host and port can make it fail (the path and
 * query are made safe by url.ts), so one parse per new origin is enough.
 */
function parsableUrl(url: string): boolean {
  const origin = url.slice(0, url.indexOf('/', 'https://'.length));
  if (origin === lastParsedOrigin) return true;
  if (!URL.canParse(url)) return false;
  lastParsedOrigin = origin;
  return true;
}

/**
 * Translates an API Gateway (REST or HTTP API), Function URL or ALB event into the request the
 * core's `handle` takes. It accepts and refuses exactly what `new Request()` would, without a
 * WHATWG `Request`: building one (with its AbortSignal) was the largest cost of a warm invoke,
 * and the first one loads undici (55–60 ms of cold start).
 * @throws AdapterError 400 for events or requests that cannot be represented (unknown event type,
 *   invalid header name or value, invalid base64 body, bad host or method).
 */
export function toRuntimeRequest(
  event: unknown,
  source: EventSource = detectEventSource(event),
  multiValue: boolean = isAlbMultiValue(event),
): LambdaRuntimeRequest {
  const loose = event as Loose;
  const method = eventMethod(loose, source);
  const { headers, rawHeaders } = collectHeaders(loose, source, multiValue);
  const { url, publicUrl } = eventUrls(loose, source, headers);
  const decoded = decodeBody(loose);
  if (decoded) {
    // The client's Content-Length was dropped (L20); state the real length so the core's body
    // limit and `event.request.headers` see the truth.
    headers.append('content-length', String(decoded.byteLength));
    rawHeaders.push(['content-length', String(decoded.byteLength)]);
  }
  // URL and headers are validated above; `new Request()` would still refuse these methods and a
  // URL the parser rejects (e.g. a port above 65535).
  if (!TOKEN.test(method) || FORBIDDEN_METHODS.has(method)) throw new AdapterError(400, 'Invalid HTTP method');
  if (!parsableUrl(url)) throw new AdapterError(400, 'Invalid Host header');
  // A `Request` cannot carry a GET/HEAD body; its Content-Length still tells the core one was sent
  // (hosted Twilio answers such GETs with 403).
  const body = method === 'GET' || method === 'HEAD' ? null : (decoded ?? null);
  return { request: { url, method, headers, body }, publicUrl, rawHeaders, source, multiValue };
}

/**
 * Translates an API Gateway (REST or HTTP API), Function URL or ALB event into a `Request`.
 * @throws AdapterError 400 as {@link toRuntimeRequest}.
 */
export function toRequest(event: unknown): LambdaRequest {
  const { request, ...rest } = toRuntimeRequest(event);
  return { request: toWebRequest(request), ...rest };
}

/** The WHATWG `Request` for a converted event. */
export function toWebRequest({ url, method, headers, body }: LambdaRuntimeRequest['request']): Request {
  return new Request(url, { method, headers: [...headers.entries()], body: body as Uint8Array<ArrayBuffer> | null });
}
