/**
 * A raw HTTP client for tests: unlike fetch it sends paths byte for byte (`/%2e%2e/x`, `//x`),
 * repeated header lines, and bodies on GET.
 */
import http from 'node:http';
import net from 'node:net';

export interface RawRequest {
  method?: string;
  /** Header lines; repeat a name to send it twice. */
  headers?: Array<[string, string]> | Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Set-Cookie lines, one entry per line. */
  cookies: string[];
  body: Buffer;
  text(): string;
  json(): any;
}

export function rawRequest(baseUrl: string, path: string, request: RawRequest = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const lines = Array.isArray(request.headers) ? request.headers : Object.entries(request.headers ?? {});
  const headers: string[] = lines.flat();
  // Raw header arrays skip Node's automatic Host header, which HTTP/1.1 servers require.
  if (!lines.some(([name]) => name.toLowerCase() === 'host')) headers.unshift('Host', new URL(baseUrl).host);
  const method = request.method ?? 'GET';
  // Without a length Node would send an empty chunked body, which few clients do.
  if (request.body !== undefined || !['GET', 'HEAD'].includes(method)) headers.push('Content-Length', String(request.body === undefined ? 0 : Buffer.byteLength(request.body)));
  return new Promise((resolve, reject) => {
    // A fresh connection per request: one test's half-read body must not break the next request.
    const req = http.request({ hostname, port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const setCookie = res.headers['set-cookie'];
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          cookies: Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [],
          body,
          text: () => body.toString('utf8'),
          json: () => JSON.parse(body.toString('utf8')),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * Sends `text` as it is over a fresh connection and returns everything the server writes back
 * until it closes: for requests no HTTP client sends (no Host, a Host with a path, an absolute
 * target). End the request with `Connection: close` so the server closes.
 */
export function exchangeBytes(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => { answer += chunk; });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}
