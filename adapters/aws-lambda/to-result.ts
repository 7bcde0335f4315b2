/**
 * Converter: standard `Response` → the result object each Lambda integration expects
 * (platforms.md §1.5). Shapes are exact because REST and ALB answer 502 to unknown keys.
 */
import { STATUS_CODES } from 'node:http';
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

/** Types API Gateway and ALB pass through as text; everything else is sent as base64 (R6). */
function isTextType(contentType: string): boolean {
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  return mime.startsWith('text/') || mime.endsWith('+json') || mime.endsWith('+xml')
    || ['application/json', 'application/xml', 'application/javascript', 'application/ecmascript'].includes(mime);
}

/** Body as a UTF-8 string when it is text, else base64. */
function encodeBody(bytes: Uint8Array, headers: Headers): Pick<ResultParts, 'body' | 'isBase64Encoded'> {
  const encoding = headers.get('content-encoding')?.trim().toLowerCase();
  const contentType = headers.get('content-type');
  // Compressed bodies are binary whatever their type; no type at all is judged by the bytes.
  if ((!encoding || encoding === 'identity') && (contentType === null || isTextType(contentType))) {
    try {
      // fatal: a "text" body that is not valid UTF-8 (e.g. Latin-1) must not be mangled;
      // ignoreBOM: keep a leading BOM byte-exact.
      const body = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
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
  const statusDescription = `${statusCode} ${parts.statusText || STATUS_CODES[statusCode] || 'Unknown'}`;
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
  const limit = source === 'alb' ? ALB_PAYLOAD_LIMIT : LAMBDA_PAYLOAD_LIMIT;
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Cheap early exit: encoding can only make it bigger.
  if (bytes.byteLength > limit) return tooLarge(source, multiValue, bytes.byteLength);

  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const result = shape({
    status: response.status,
    statusText: response.statusText,
    headers,
    cookies: response.headers.getSetCookie(),
    ...encodeBody(bytes, response.headers),
  }, source, multiValue);

  const size = Buffer.byteLength(JSON.stringify(result));
  return size > limit ? tooLarge(source, multiValue, size) : result;
}
