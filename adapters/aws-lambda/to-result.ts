/**
 * Converter: the core's answer → the result object each Lambda integration expects.
 * Shapes are exact because REST and ALB answer 502 to unknown keys.
 * The handler passes the core's `RuntimeResult` (`fromRuntimeResult`, no stream to read back);
 * `toResult` takes any standard `Response`.
 */
import type { RuntimeResult } from '../../src/runtime/result';
import type { EventSource } from './detect';
import type { LambdaResult, V2Result } from './result-types';

export type { AlbResult, LambdaResult, V1Result, V2Result } from './result-types';

/** Lambda's synchronous invocation payload limit (6 MB), applied to the serialized result. */
export const LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;
/** ALB's limit for a Lambda target's response JSON (1 MB). */
export const ALB_PAYLOAD_LIMIT = 1024 * 1024;

/** Platform-neutral pieces of a response, ready to be shaped. */
interface ResultParts {
  status: number;
  statusText: string;
  /** Every header but set-cookie; `Headers` has already joined repeats with ", " (R4). */
  headers: Record<string, string>;
  cookies: string[];
  body: string;
  isBase64Encoded: boolean;
}

/**
 * Node's reason phrases, loaded on the first ALB response: a static import of node:http (with
 * net, stream and the HTTP agent) cost every Lambda bundle about 10 ms of cold start.
 */
function statusCodes(): Record<number, string | undefined> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:http') as typeof import('node:http')).STATUS_CODES;
}

/** Types API Gateway and ALB pass through as text; everything else is sent as base64 (R6). */
function isTextType(contentType: string): boolean {
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  return mime.startsWith('text/') || mime.endsWith('+json') || mime.endsWith('+xml')
    || ['application/json', 'application/xml', 'application/javascript', 'application/ecmascript'].includes(mime);
}

/** Whether a body with these headers may be sent as text (if it is valid UTF-8). */
function mayBeText(contentType: string | undefined, contentEncoding: string | undefined): boolean {
  const encoding = contentEncoding?.trim().toLowerCase();
  // Compressed bodies are binary whatever their type; no type at all is judged by the bytes.
  return (!encoding || encoding === 'identity') && (contentType === undefined || isTextType(contentType));
}

// fatal: a "text" body that is not valid UTF-8 (e.g. Latin-1) must not be mangled;
// ignoreBOM: keep a leading BOM byte-exact. A one-shot decode keeps no state between calls.
// Created on first use (~0.3 ms of cold start): string results never need it.
let strictUtf8: TextDecoder | undefined;

/** Body as a UTF-8 string when it is text, else base64. */
function encodeBody(bytes: Uint8Array, headers: Record<string, string>): Pick<ResultParts, 'body' | 'isBase64Encoded'> {
  if (mayBeText(headers['content-type'], headers['content-encoding'])) {
    try {
      const body = (strictUtf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })).decode(bytes);
      return { body, isBase64Encoded: false };
    } catch {
      // fall through to base64
    }
  }
  return { body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), isBase64Encoded: true };
}

/** Puts the parts into the exact shape of `source`. */
function shape(parts: ResultParts, source: EventSource, multiValue: boolean): LambdaResult {
  const { status: statusCode, headers, cookies, body, isBase64Encoded } = parts;
  if (source === 'v1') {
    const multiValueHeaders: Record<string, string[]> = cookies.length > 0 ? { 'set-cookie': cookies } : {};
    return { statusCode, headers, multiValueHeaders, body, isBase64Encoded };
  }
  if (source === 'v2') {
    const result: V2Result = { statusCode, headers, body, isBase64Encoded };
    if (cookies.length > 0) result.cookies = cookies; // R3: no empty `cookies` key
    return result;
  }
  const statusDescription = `${statusCode} ${parts.statusText || statusCodes()[statusCode] || 'Unknown'}`;
  if (multiValue) {
    const multiValueHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(headers)) multiValueHeaders[name] = [value];
    if (cookies.length > 0) multiValueHeaders['set-cookie'] = cookies;
    return { statusCode, statusDescription, multiValueHeaders, body, isBase64Encoded };
  }
  if (cookies.length > 1) {
    console.warn(`[aws-lambda] ALB target group is not in multi-value header mode: sent only the first of `
      + `${cookies.length} Set-Cookie headers. Enable lambda.multi_value_headers.enabled to send all.`);
  }
  return {
    statusCode,
    statusDescription,
    headers: cookies.length > 0 ? { ...headers, 'set-cookie': cookies[0]! } : headers,
    body,
    isBase64Encoded,
  };
}

/**
 * A JSON error (`{"message","name"}`) in the result shape of `source`.
 * Used for adapter errors and for responses Lambda could not deliver.
 */
export function errorResult(
  status: number,
  message: string,
  name: string,
  source: EventSource,
  multiValue = false,
): LambdaResult {
  return shape({
    status,
    statusText: '',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    cookies: [],
    body: JSON.stringify({ message, name }),
    isBase64Encoded: false,
  }, source, multiValue);
}

/** The 500 returned instead of a result AWS would reject with a bare 502 (R8). */
function tooLarge(source: EventSource, multiValue: boolean, bytes: number): LambdaResult {
  const message = source === 'alb'
    ? "Response body is larger than the ALB's 1 MB limit for Lambda targets"
    : "Response body is larger than AWS Lambda's 6 MB limit";
  console.error(`[aws-lambda] ${message} (about ${bytes} bytes): answered 500 instead`);
  return errorResult(500, message, 'PayloadTooLarge', source, multiValue);
}

/**
 * Converts a `Response` into the Lambda result for the event it answers.
 * @param source Integration the event came from (see `detectEventSource`).
 * @param multiValue ALB only: the request used `multiValueHeaders`, so must the response.
 */
export async function toResult(
  response: Response,
  source: EventSource,
  multiValue = false,
): Promise<LambdaResult> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const { status, statusText } = response;
  return bytesResult({ status, statusText, headers, cookies: response.headers.getSetCookie() }, bytes, source, multiValue);
}

/**
 * Same as `toResult(toWebResponse(result))`, without building the `Response` and reading its body
 * back through a stream (the largest cost of a warm invoke when it did).
 */
export function fromRuntimeResult(result: RuntimeResult, source: EventSource, multiValue = false): LambdaResult {
  const { body, headers, status, cookies } = result;
  if (typeof body === 'string') {
    // A `Response` sends a string as UTF-8 after USVString conversion (lone surrogates → U+FFFD).
    const text = (body as string & { toWellFormed(): string }).toWellFormed(); // ES2024, Node ≥ 20
    const byteLength = Buffer.byteLength(text);
    if (byteLength > payloadLimit(source)) return tooLarge(source, multiValue, byteLength);
    const asText = mayBeText(headers['content-type'], headers['content-encoding']);
    const encoded = asText ? text : Buffer.from(text).toString('base64');
    return checkedSize({ status, statusText: '', headers, cookies, body: encoded, isBase64Encoded: !asText }, source, multiValue);
  }
  return bytesResult({ status, statusText: '', headers, cookies }, body ?? new Uint8Array(0), source, multiValue);
}

/** A result whose body is bytes: text when it is text, else base64 (see {@link encodeBody}). */
function bytesResult(
  head: Omit<ResultParts, 'body' | 'isBase64Encoded'>, bytes: Uint8Array, source: EventSource, multiValue: boolean,
): LambdaResult {
  // Cheap early exit: encoding can only make it bigger.
  if (bytes.byteLength > payloadLimit(source)) return tooLarge(source, multiValue, bytes.byteLength);
  return checkedSize({ ...head, ...encodeBody(bytes, head.headers) }, source, multiValue);
}

/** The shaped result, or the 500 of {@link tooLarge} when its serialized form is over the limit. */
function checkedSize(parts: ResultParts, source: EventSource, multiValue: boolean): LambdaResult {
  const result = shape(parts, source, multiValue);
  const limit = payloadLimit(source);
  // Serializing every result just to measure it cost a few % of a warm invoke; the bound decides
  // the usual small result without it.
  if (maxSerializedBytes(parts) <= limit) return result;
  const size = Buffer.byteLength(JSON.stringify(result));
  return size > limit ? tooLarge(source, multiValue, size) : result;
}

/**
 * An upper bound of `Buffer.byteLength(JSON.stringify(shape(parts)))`: JSON turns one UTF-16 unit
 * into at most 6 bytes (`\uXXXX`); each value appears once (ALB repeats only a cookie) and the
 * fixed keys and punctuation fit in the constants.
 */
function maxSerializedBytes(parts: ResultParts): number {
  let units = parts.body.length + parts.statusText.length;
  for (const name in parts.headers) units += name.length + parts.headers[name]!.length + 8;
  for (const cookie of parts.cookies) units += 2 * cookie.length + 8;
  return 6 * units + 512;
}

function payloadLimit(source: EventSource): number {
  return source === 'alb' ? ALB_PAYLOAD_LIMIT : LAMBDA_PAYLOAD_LIMIT;
}
