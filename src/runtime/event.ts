/**
 * Builds the `event` a handler receives (B-15…B-24): query and body parameters merged (body wins)
 * and `request.headers` / `request.cookies`.
 */
import { parse as parseCookies } from 'hono/utils/cookie';
import { appendValue, parseUrlEncoded, type Params } from './body';

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

/** The Twilio `event`: `{ request, ...query, ...body }`, so a `request` parameter wins (B-15). */
export function buildEvent(
  url: URL,
  bodyParams: Params,
  headerLines: Iterable<readonly [string, string]>,
): Record<string, unknown> {
  const headers = eventHeaders(headerLines);
  const cookieHeader = headers.cookie;
  const cookies = cookieHeader ? parseCookies(Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader) : {};
  return { request: { headers, cookies }, ...parseUrlEncoded(url.search.slice(1)), ...bodyParams };
}
