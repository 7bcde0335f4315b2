/**
 * The two URLs of a Lambda request:
 * - `url`: what the function table is matched against (stage removed, paths percent-encoded as
 *   received);
 * - `publicUrl`: our best reconstruction of the URL the caller (Twilio) requested and signed.
 */
import type { RuntimeHeaders } from '../../src/runtime/types';
import type { EventSource } from './detect';
import { AdapterError } from './errors';

type Loose = Record<string, unknown>;

/** Host with optional port; rejects anything that could smuggle userinfo, a path or a query. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::\d{1,5})?$/;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const obj = (value: unknown): Loose => (typeof value === 'object' && value !== null ? (value as Loose) : {});

/** Percent-encodes one character (all callers pass ASCII). */
const pct = (c: string) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');

/**
 * Turns a received path into origin form, so appending it to `https://host` can never change the
 * authority or start the query/fragment: forces the leading `/` and encodes `?`, `#`, spaces and
 * control characters (which the URL parser would otherwise drop or treat as delimiters).
 * `//evil.com/x` stays a path because the authority is already written before it.
 */
export function originFormPath(path: string): string {
  return (path.startsWith('/') ? path : '/' + path).replace(/[?#\u0000-\u0020\u007f]/g, pct);
}

/** A query string safe to put after `?` (only `#`, spaces and controls encoded; rest untouched). */
const safeQuery = (query: string) => query.replace(/[#\u0000-\u0020\u007f]/g, pct);

/** `k=v&…` from a (multi-)value map, every value encoded with `encode`. */
function joinQuery(map: unknown, encode: (s: string) => string): string {
  const pairs: string[] = [];
  for (const [key, values] of Object.entries(obj(map))) {
    for (const value of Array.isArray(values) ? values : [values]) {
      if (value !== null && value !== undefined) pairs.push(`${encode(key)}=${encode(String(value))}`);
    }
  }
  return pairs.join('&');
}

/** The query string as the caller most likely sent it. */
function eventQuery(event: Loose, source: EventSource): string {
  const multi = event.multiValueQueryStringParameters;
  const map = typeof multi === 'object' && multi !== null ? multi : event.queryStringParameters;
  // v1 values arrive decoded and unordered: re-encode with encodeURIComponent, which is also the
  // encoding twilio's validateRequest retries via the legacy querystring variant.
  if (source === 'v1') return joinQuery(map, encodeURIComponent);
  // v2 has the raw string; ALB values are raw and must never be re-encoded (L15).
  if (source === 'v2') return str(event.rawQueryString) ?? '';
  return joinQuery(map, (s) => s);
}

/** The path the function table is matched against. */
function routePath(event: Loose, source: EventSource): string {
  if (source !== 'v2') return str(event.path) ?? '/';
  const ctx = obj(event.requestContext);
  const raw = str(event.rawPath) ?? str(obj(ctx.http).path) ?? '/';
  // HTTP API puts a named stage in rawPath (L8); only strip a whole segment so stage `dev` leaves
  // `/devices` alone. `$default` (and Function URLs) have no prefix.
  const stage = str(ctx.stage);
  if (!stage || stage === '$default') return raw;
  const prefix = `/${stage}`;
  if (raw === prefix) return '/';
  return raw.startsWith(prefix + '/') ? raw.slice(prefix.length) : raw;
}

/** Last entry of a comma-separated forwarding header. */
const lastEntry = (value: string | null) => value?.split(',').pop()?.trim() || undefined;

/** `proto://host[:port]` of an ALB request: the listener's scheme and port, not always https:443 (L17). */
function albOrigin(host: string, headers: Pick<RuntimeHeaders, 'get'>): string {
  const proto = lastEntry(headers.get('x-forwarded-proto'))?.toLowerCase() === 'http' ? 'http' : 'https';
  const port = lastEntry(headers.get('x-forwarded-port'));
  const hasPort = /:\d+$/.test(host);
  const defaultPort = proto === 'https' ? '443' : '80';
  return `${proto}://${host}${!hasPort && port && /^\d{1,5}$/.test(port) && port !== defaultPort ? ':' + port : ''}`;
}

/** Result of {@link eventUrls}. */
export interface EventUrls {
  url: string;
  publicUrl: string;
}

/**
 * Builds `url` and `publicUrl` for a classified event.
 * @param headers The request headers already collected from the event (Host, X-Forwarded-*).
 * @throws AdapterError 400 when no usable host is known.
 */
export function eventUrls(event: Loose, source: EventSource, headers: Pick<RuntimeHeaders, 'get'>): EventUrls {
  const ctx = obj(event.requestContext);
  const host = (source === 'alb' ? undefined : str(ctx.domainName)) ?? headers.get('host') ?? '';
  if (!HOST.test(host)) throw new AdapterError(400, host ? 'Invalid Host header' : 'Missing Host header');

  const query = eventQuery(event, source);
  const search = query ? '?' + query : '';
  const url = `https://${host}${originFormPath(routePath(event, source))}${query ? '?' + safeQuery(query) : ''}`;

  let publicUrl: string;
  if (source === 'v1') {
    // `requestContext.path` is what the client asked for, stage included (L1); `path` is not.
    publicUrl = `https://${host}${originFormPath(str(ctx.path) ?? str(event.path) ?? '/')}${search}`;
  } else if (source === 'v2') {
    // rawPath keeps a named stage, which is part of the URL Twilio called (L8).
    publicUrl = `https://${host}${originFormPath(str(event.rawPath) ?? str(obj(ctx.http).path) ?? '/')}${search}`;
  } else {
    publicUrl = `${albOrigin(host, headers)}${originFormPath(str(event.path) ?? '/')}${search}`;
  }
  return { url, publicUrl };
}
