/**
 * Builds the `event` a handler receives (B-15…B-24): query and body parameters merged (body wins)
 * and `request.headers` / `request.cookies`.
 */
import { parse as parseCookies } from 'hono/utils/cookie';
import { appendValue, parseUrlEncoded, setOwn, type Params } from './body';

// Hosted Twilio hides proxy and tracing headers (B-23); `host` is hidden as the hosted docs say.
const DROPPED_PREFIXES = ['i-twilio-', 'i-t-', 'ot-', 'x-amz', 'x-forwarded-', 'x-accel-', 'cf-'];
const DROPPED = new Set([
  'host', 'via', 'referer', 'transfer-encoding', 'proxy-authorization', 'proxy-authenticate',
  'x-real-ip', 'connection', 'proxy-connection', 'expect', 'trailer', 'upgrade', 'keep-alive',
  'cdn-loop',
]);

export type EventHeaders = Record<string, string | string[]>;

export function isVisibleHeader(name: string): boolean {
  if (DROPPED.has(name)) return false;
  for (const prefix of DROPPED_PREFIXES) if (name.startsWith(prefix)) return false;
  return true;
}

/** Lower-cased names; a header received several times becomes an array in arrival order (B-22). */
export function eventHeaders(lines: Iterable<readonly [string, string]>): EventHeaders {
  const headers: EventHeaders = {};
  for (const [rawName, value] of lines) {
    const name = rawName.toLowerCase();
    if (!isVisibleHeader(name)) continue;
    appendValue(headers, name, value);
  }
  return headers;
}

/**
 * The Twilio `event`: `{ request, ...query, ...body }`, so a `request` parameter wins (B-15).
 * The query is parsed straight into the event: one object and one copy fewer per request.
 */
export function buildEvent(
  query: string,
  bodyParams: Params,
  headerLines: Iterable<readonly [string, string]>,
): Record<string, unknown> {
  const headers = eventHeaders(headerLines);
  const cookieHeader = headers.cookie;
  const cookies = cookieHeader ? parseCookies(Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader) : {};
  // `request` holds the first place in the key order; a query parameter of that name takes it.
  const event: Record<string, unknown> = { request: undefined };
  parseUrlEncoded(query, event);
  if (event.request === undefined) event.request = { headers, cookies };
  for (const key of Object.keys(bodyParams)) setOwn(event, key, bodyParams[key]);
  return event;
}
