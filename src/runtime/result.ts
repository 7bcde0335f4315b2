/**
 * What the core answers, before it becomes a Web `Response`.
 *
 * Why not build the `Response` right away: on Node a `Response` loads undici on first use (55–60 ms
 * of Lambda cold start), and reading its body back (`arrayBuffer()`, through a web stream) was
 * the largest single cost of a warm Lambda invoke. Hosts that can read status, headers and body
 * directly (the Lambda adapter, the dev server) take this object; `Runtime.fetch` converts it with
 * {@link toWebResponse}, so workerd still gets a standard `Response`.
 */
import { HeaderList } from './header-list';

export interface RuntimeResult {
  status: number;
  /** Lower-case names, sorted; every header but Set-Cookie, repeats joined as `Headers` does. */
  headers: Record<string, string>;
  /** Each Set-Cookie line on its own. */
  cookies: string[];
  body: string | Uint8Array | null;
}

/**
 * Headers that frame a message on its connection: Content-Length, Transfer-Encoding, Connection,
 * Keep-Alive. Hosts set them for the body they send (node:http, API Gateway, ALB, workerd); a
 * function's own would contradict that body and leave clients waiting for bytes that never come.
 */
export const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Statuses that must not carry a body (the Fetch standard's "null body status"). */
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/**
 * Checks `status` and `body` the way `new Response(body, { status })` does, so a function's invalid
 * response fails here exactly as it failed when the core built a `Response`.
 */
export function makeResult(status: number, headers: HeaderList | Record<string, string>, body: string | Uint8Array | null): RuntimeResult {
  // WebIDL `unsigned short` conversion, then the range check of the Response constructor.
  let code = Number(status);
  code = Number.isFinite(code) ? ((Math.trunc(code) % 65536) + 65536) % 65536 : 0;
  if (code < 200 || code > 599) throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
  if (body !== null && NULL_BODY_STATUS.has(code)) throw new TypeError(`Response constructor: Invalid response status code ${code}`);
  if (headers instanceof HeaderList) return { status: code, headers: headers.toRecord(), cookies: headers.getSetCookie(), body };
  return { status: code, headers, cookies: [], body };
}

/** A result with only a content type. */
export function textResult(status: number, body: string, contentType: string): RuntimeResult {
  return { status, headers: { 'content-type': contentType }, cookies: [], body };
}

export function toWebResponse(result: RuntimeResult): Response {
  const body = result.body as BodyInit | null;
  // Without cookies a plain record does: one `Headers` fewer per response (workerd, P4).
  if (result.cookies.length === 0) return new Response(body, { status: result.status, headers: result.headers });
  const headers = new Headers(result.headers);
  for (const cookie of result.cookies) headers.append('set-cookie', cookie);
  return new Response(body, { status: result.status, headers });
}
