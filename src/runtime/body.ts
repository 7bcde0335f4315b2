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
    const { done, value } = await reader.read();
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

/** Bodies that are not UTF-8 are malformed (400); a one-shot decode keeps no state between calls. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

export function parseBody(raw: Uint8Array, contentType: string | null): ParsedBody {
  if (raw.byteLength === 0) return { raw, kind: 'none', params: {} };
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  try {
    if (type === 'application/x-www-form-urlencoded') {
      return { raw, kind: 'form', params: parseForm(STRICT_UTF8.decode(raw)) };
    }
    if (type === 'application/json' || type.endsWith('+json')) {
      const value: unknown = JSON.parse(STRICT_UTF8.decode(raw));
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
  return collect(new URLSearchParams(text));
}

/** Query strings follow the same flat rules as form bodies. */
export function collect(search: URLSearchParams): Params {
  const params: Params = {};
  for (const [key, value] of search) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else params[key] = [existing, value];
  }
  return params;
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
