/**
 * Node adapter: a `node:http` request becomes the core's `RuntimeRequest`, and the core's
 * `RuntimeResult` is written back to the response. `tfa dev` serves the project through it.
 *
 * Why not a `Request`/`Response` (e.g. through @hono/node-server): on Node each one is an undici
 * object with its own `Headers` and streams, and building and reading them back cost the dev
 * server about 15 % of its requests per second (docs/benchmarks.md, P3).
 *
 * @example
 * http.createServer(async (req, res) => {
 *   const request = toRuntimeRequest(req);
 *   writeResult(res, await runtime.handle!(request, { rawHeaders: request.rawHeaders }));
 * });
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { HttpError } from '../../src/runtime/errors';
import { HeaderList } from '../../src/runtime/header-list';
import { rememberingLast } from '../../src/runtime/request-url';
import { FRAMING_HEADERS, type RuntimeResult } from '../../src/runtime/result';
import type { RuntimeRequest } from '../../src/runtime/types';

/** A host name, IPv4 or bracketed IPv6 address, and an optional port: nothing that moves the URL's path. */
const HOST = /^(?:[A-Za-z0-9\-._~]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const isValidHost = rememberingLast((host) => HOST.test(host));

/** Result of {@link toRuntimeRequest}. */
export interface NodeRuntimeRequest extends RuntimeRequest {
  headers: HeaderList;
  /** Each header line as received, repeated names kept apart (`FetchOptions.rawHeaders`). */
  rawHeaders: [string, string][];
}

/**
 * The core's request for a `node:http` request: `http://<Host><request target>`, the header lines
 * as a `HeaderList`, and the body as a stream made when the core first reads it (none for GET and
 * HEAD; the core still sees their Content-Length or Transfer-Encoding and refuses a GET that sends
 * a body).
 * @throws HttpError 400 (the core's, answered with `httpErrorResponse`) for a missing (HTTP/1.1)
 *   or malformed Host, a request target that is neither a path nor an http(s) URL (e.g. `*`), or a
 *   header `Headers` would refuse.
 */
export function toRuntimeRequest(req: IncomingMessage): NodeRuntimeRequest {
  const headers = new HeaderList();
  const rawHeaders = headerPairs(req.rawHeaders);
  try {
    for (const [name, value] of rawHeaders) headers.append(name, value);
  } catch {
    throw new HttpError(400, 'Invalid header');
  }
  // Host from the lines already in hand: `req.headers` would build Node's header object as well.
  return new NodeRequest(req, requestUrl(req, headers.get('host')), headers, rawHeaders);
}

/**
 * A class rather than an object literal with a `get body()`: a literal with an accessor is built
 * through V8's slow path on every request (about a microsecond each, in a loop).
 */
class NodeRequest implements NodeRuntimeRequest {
  readonly method: string;
  private stream: ReadableStream<Uint8Array> | null | undefined;

  constructor(private readonly req: IncomingMessage, readonly url: string, readonly headers: HeaderList, readonly rawHeaders: [string, string][]) {
    this.method = req.method ?? 'GET';
    this.stream = this.method === 'GET' || this.method === 'HEAD' ? null : undefined;
  }

  // Made on first read. A body the core never reads (404, 405, OPTIONS) stays Node's: it discards
  // the bytes after the answer and the connection stays usable.
  get body(): ReadableStream<Uint8Array> | null {
    if (this.stream === undefined) {
      streamedBodies.add(this.req);
      this.stream = Readable.toWeb(this.req) as ReadableStream<Uint8Array>;
    }
    return this.stream;
  }
}

/**
 * The URL of a request (RFC 9112 §3.2, §3.3): Host plus the path for the usual origin-form target;
 * an absolute-form target as it came, its own authority winning over Host; for an HTTP/1.0
 * request without Host, the address it reached.
 */
function requestUrl(req: IncomingMessage, hostHeader: string | null): string {
  const target = req.url ?? '';
  if (target.startsWith('/')) {
    // Two Host lines join into one value that fails the check, as RFC 9112 wants (400).
    const host = hostHeader ?? (req.httpVersion === '1.0' ? localAuthority(req) : undefined);
    if (!host || !isValidHost(host)) throw new HttpError(400, 'Invalid Host header');
    return `http://${host}${target}`;
  }
  if (/^https?:\/\//i.test(target)) {
    const url = URL.canParse(target) ? new URL(target) : undefined;
    if (!url || !isValidHost(url.host) || url.username || url.password) throw new HttpError(400, 'Invalid request target');
    return url.href;
  }
  throw new HttpError(400, 'Invalid request target');
}

function localAuthority({ socket }: IncomingMessage): string {
  const address = socket.localAddress ?? '127.0.0.1';
  return `${address.includes(':') ? `[${address}]` : address}:${socket.localPort}`;
}

/** Requests whose body the core started to read; Node no longer discards the rest of those. */
const streamedBodies = new WeakSet<IncomingMessage>();

/** Node's `rawHeaders` (`[name, value, name, value, …]`) as pairs, repeated lines kept apart. */
export function headerPairs(raw: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

/**
 * Writes the core's result: one `writeHead` with the body's true length, then the body in one
 * write. Framing headers in the result (which the core never puts there) are left out.
 */
export function writeResult(res: ServerResponse, { status, headers, cookies, body }: RuntimeResult): void {
  const out: OutgoingHttpHeaders = {};
  for (const name in headers) if (!FRAMING_HEADERS.has(name)) out[name] = headers[name];
  if (cookies.length > 0) out['set-cookie'] = cookies;
  // No body is a length of 0 (Node would otherwise send an empty chunked body), except where the
  // status itself rules a body out.
  if (body !== null) out['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  else if (status !== 204 && status !== 304) out['content-length'] = 0;
  // A body read only part-way (over the size limit, or not needed after all) still occupies the
  // connection: close it after this answer so the client's next request goes to a fresh one.
  if (streamedBodies.has(res.req) && !res.req.readableEnded) out.connection = 'close';
  res.writeHead(status, out);
  // Node itself leaves the body out for HEAD, 204 and 304.
  res.end(body ?? undefined);
}
