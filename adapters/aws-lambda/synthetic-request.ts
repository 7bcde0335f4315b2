/**
 * The client side of the test events: an HTTP request as Twilio (or curl) would send it, and the
 * helpers `synthetic-events.ts` uses to turn it into what each AWS integration passes to Lambda.
 */

/** Headers as the client sent them: names keep their casing; an array means repeated lines. */
export type HeaderSpec = Record<string, string | string[]> | ReadonlyArray<readonly [string, string]>;

/** The HTTP request a client (Twilio) sends. */
export interface HttpRequestSpec {
  /** Default `GET`. */
  method?: string;
  /** Path as sent, percent-encoded; default `/`. */
  path?: string;
  /** Raw query string without `?` (as sent), or a map to encode with encodeURIComponent. */
  query?: string | Record<string, string | string[]>;
  headers?: HeaderSpec;
  body?: string | Uint8Array;
  /** Client IP AWS sees; default `203.0.113.7`. */
  sourceIp?: string;
}

/** One header line or query pair. */
export type Line = [string, string];

export const TRACE_ID = 'Root=1-5e6722a7-cc56xmpl46db7ae02d4da47e';
export const DEFAULT_IP = '203.0.113.7';

export const methodOf = (spec: HttpRequestSpec) => (spec.method ?? 'GET').toUpperCase();

export const bytesOf = (body: string | Uint8Array | undefined): Uint8Array | undefined =>
  body === undefined ? undefined : typeof body === 'string' ? new TextEncoder().encode(body) : body;

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** What AWS does when it sends bytes as a JSON string without base64 (lossy for binary). */
export const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Decodes a query component the way API Gateway does: `+` is a space, bad escapes stay as is. */
export function decodeQueryComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Raw query string of a spec. */
export function rawQuery(query: HttpRequestSpec['query']): string {
  if (query === undefined || typeof query === 'string') return query ?? '';
  return Object.entries(query)
    .flatMap(([k, vs]) => (Array.isArray(vs) ? vs : [vs]).map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join('&');
}

/** Raw `[key, value]` pairs of a query string, in order. */
export function queryPairs(raw: string): Line[] {
  return raw.split('&').filter(Boolean).map((part) => {
    const i = part.indexOf('=');
    return i === -1 ? [part, ''] : [part.slice(0, i), part.slice(i + 1)];
  });
}

/**
 * Groups lines by name (exact spelling), keeping order of first appearance. Through a Map, so names
 * such as `toString` or `__proto__` become plain keys, as in the JSON event Lambda receives.
 */
export function groupLines(lines: Line[]): Record<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, value] of lines) {
    const values = map.get(name);
    if (values) values.push(value);
    else map.set(name, [value]);
  }
  return Object.fromEntries(map);
}

/** Last value of each group (what single-value maps keep). */
export const lastValues = (map: Record<string, string[]>): Record<string, string> =>
  Object.fromEntries(Object.entries(map).map(([k, vs]) => [k, vs[vs.length - 1]!]));

/** Header lines the client sent, plus the Content-Length any HTTP client sends with a body. */
export function clientLines(spec: HttpRequestSpec): Line[] {
  const h = spec.headers ?? {};
  const lines: Line[] = Array.isArray(h)
    ? h.map(([n, v]) => [n, v] as Line)
    : Object.entries(h as Record<string, string | string[]>)
      .flatMap(([n, vs]) => (Array.isArray(vs) ? vs : [vs]).map((v) => [n, v] as Line));
  const body = bytesOf(spec.body);
  if (body && !lines.some(([n]) => n.toLowerCase() === 'content-length')) {
    lines.push(['Content-Length', String(body.byteLength)]);
  }
  return lines;
}

/** Spelling of the headers AWS adds (REST uses Title-Case, the others lower case). */
export interface ProxyHeaderNames {
  host: string;
  trace: string;
  xff: string;
  port: string;
  proto: string;
}

export const LOWER_NAMES: ProxyHeaderNames = {
  host: 'host', trace: 'x-amzn-trace-id', xff: 'x-forwarded-for', port: 'x-forwarded-port', proto: 'x-forwarded-proto',
};

/**
 * Adds the headers AWS sets: Host (if the client sent none), the trace id, X-Forwarded-For with
 * the client IP appended, and X-Forwarded-Port/-Proto replaced by the listener's.
 */
export function withProxyHeaders(lines: Line[], opts: { ip: string; proto: string; port: string; host: string; names: ProxyHeaderNames }): Line[] {
  const { names } = opts;
  const lower = (n: string) => n.toLowerCase();
  const xff = lines.filter(([n]) => lower(n) === 'x-forwarded-for').map(([, v]) => v);
  const replaced = ['x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto', 'x-amzn-trace-id'];
  const out = lines.filter(([n]) => !replaced.includes(lower(n)));
  if (!lines.some(([n]) => lower(n) === 'host')) out.unshift([names.host, opts.host]);
  out.push([names.trace, TRACE_ID], [names.xff, [...xff, opts.ip].join(', ')], [names.port, opts.port], [names.proto, opts.proto]);
  return out;
}

/** Lower-cased media type of the last Content-Type line. */
export const mimeOf = (lines: Line[]) =>
  lines.filter(([n]) => n.toLowerCase() === 'content-type').pop()?.[1].split(';')[0]!.trim().toLowerCase();

/** HTTP API, Function URLs and ALB send only these types as plain text; everything else as base64. */
export const isAwsText = (mime: string | undefined) =>
  !!mime && (mime.startsWith('text/') || ['application/json', 'application/xml', 'application/javascript'].includes(mime));
