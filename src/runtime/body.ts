/**
 * Reads the request body once, within the size limit, and parses it the way Twilio does (B-17):
 * form and JSON bodies become parameters, every other content type is ignored.
 */
import { HttpError } from './errors';
import type { RuntimeRequest } from './types';

export type Params = Record<string, unknown>;

export interface ParsedBody {
  /** Raw bytes, kept for signature checks on JSON bodies (`bodySHA256`). */
  raw: Uint8Array;
  kind: 'form' | 'json' | 'other' | 'none';
  params: Params;
}

/** An empty body; shared and frozen, since nothing downstream changes a body. */
export const NO_BODY: ParsedBody = Object.freeze({ raw: new Uint8Array(0), kind: 'none', params: Object.freeze({}) });

export async function readBody(request: Pick<RuntimeRequest, 'body'>, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  // Bytes a host already holds (the Lambda event's body) need no stream round trip.
  if (request.body instanceof Uint8Array) {
    if (request.body.byteLength > maxBytes) throw tooLarge(maxBytes);
    return request.body;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      // The client went away mid-body (or the host's stream failed): a bad request, not a crash.
      throw new HttpError(400, 'Request body could not be read');
    }
    const { done, value } = next;
    if (done) break;
    total += value.byteLength;
    // Past the limit, keep draining without storing: some proxies (wrangler dev among them)
    // stall every later request when a body is left half read.
    if (total <= maxBytes) chunks.push(value);
  }
  if (total > maxBytes) throw tooLarge(maxBytes);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Bodies that are not UTF-8 are malformed (400); a one-shot decode keeps no state between calls.
 * Created on first use: a fatal decoder costs ~0.3 ms of cold start, and most webhooks are GETs.
 */
let strictUtf8: TextDecoder | undefined;
const decodeStrict = (raw: Uint8Array) => (strictUtf8 ??= new TextDecoder('utf-8', { fatal: true })).decode(raw);

export function parseBody(raw: Uint8Array, contentType: string | null): ParsedBody {
  if (raw.byteLength === 0) return NO_BODY;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  try {
    if (type === 'application/x-www-form-urlencoded') {
      return { raw, kind: 'form', params: parseForm(decodeStrict(raw)) };
    }
    if (type === 'application/json' || type.endsWith('+json')) {
      const value: unknown = JSON.parse(decodeStrict(raw));
      // Arrays spread into index keys as in Twilio (B-19); primitives carry no parameters.
      const params = typeof value === 'object' && value !== null ? { ...(value as Params) } : {};
      return { raw, kind: 'json', params };
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const what = type === 'application/x-www-form-urlencoded' ? 'form' : 'JSON';
    throw new HttpError(400, `Malformed ${what} body: ${oneLine(error)}`);
  }
  return { raw, kind: 'other', params: {} };
}

/** Flat `extended: false` parsing: repeated keys become arrays, values stay strings. */
export function parseForm(text: string): Params {
  if (/%(?![0-9a-fA-F]{2})/.test(text)) {
    throw new HttpError(400, 'Malformed form body: invalid percent-encoding');
  }
  return parseUrlEncoded(text);
}

/**
 * `application/x-www-form-urlencoded` parsing exactly as `URLSearchParams` does it (URL standard,
 * section 5.1), flattened: a repeated key becomes an array. Query strings follow the same rules.
 * Written out because the first `URLSearchParams` of a process costs ~0.6 ms of cold start.
 * Adds to `params` when given (the event takes the query this way).
 */
export function parseUrlEncoded(text: string, params: Params = {}): Params {
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeFormComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeFormComponent(pair.slice(eq + 1));
    appendValue(params, key, value);
  }
  return params;
}

/**
 * Adds `value` under `key`, a repeated key becoming an array in arrival order. Own keys only, so
 * `toString` or `constructor` do not find Object.prototype's, and `__proto__` becomes an entry like
 * any other (as `querystring` makes it) instead of replacing the prototype.
 */
export function appendValue(record: Record<string, unknown>, key: string, value: string): void {
  const existing = Object.hasOwn(record, key) ? record[key] : undefined;
  if (Array.isArray(existing)) existing.push(value);
  else if (existing !== undefined) setOwn(record, key, [existing, value]);
  else setOwn(record, key, value);
}

/** `record[key] = value`, except that `__proto__` becomes an own entry instead of the prototype. */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

function decodeFormComponent(raw: string): string {
  const text = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return decodeBytewise(text);
  }
}

let lenientUtf8: TextDecoder | undefined;

/** The standard's slow path: a `%` without two hex digits stays, bytes that are not UTF-8 become U+FFFD. */
function decodeBytewise(text: string): string {
  const input = new TextEncoder().encode(text);
  const bytes = new Uint8Array(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i]!;
    if (byte === 0x25 && i + 2 < input.length) {
      const high = hexDigit(input[i + 1]!);
      const low = hexDigit(input[i + 2]!);
      if (high !== -1 && low !== -1) {
        bytes[length++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    bytes[length++] = byte;
  }
  return (lenientUtf8 ??= new TextDecoder('utf-8', { ignoreBOM: true })).decode(bytes.subarray(0, length));
}

function hexDigit(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `Request body is larger than the ${formatBytes(maxBytes)} limit`);
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 200);
}
