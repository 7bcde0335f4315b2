/**
 * An `httpClient` for the twilio library built on Web `fetch`, so the REST client behaves the same
 * in Node, Lambda and workerd (where twilio's axios client hangs under Node resolution), and so
 * `TWILIO_API_BASE_URL` can send every REST call to a local fake or a proxy.
 */

interface TwilioHttpRequest {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  authStrategy?: { getAuthString(): Promise<string> };
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  data?: Record<string, unknown> | string;
  timeout?: number;
  allowRedirects?: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export class FetchHttpClient {
  /** @param baseUrl when set, `https://<any>.twilio.com/<path>` is sent to `<baseUrl>/<path>`. */
  constructor(private readonly baseUrl?: string) {}

  async request(opts: TwilioHttpRequest): Promise<{ statusCode: number; body: string; headers: Record<string, string> }> {
    const original = new URL(opts.uri);
    appendParams(original.searchParams, opts.params);
    const target = this.baseUrl ? new URL(original.pathname + original.search, withSlash(this.baseUrl)) : original;

    const headers: Record<string, string> = { ...opts.headers };
    delete headers.Connection;
    if (this.baseUrl) headers['X-Twilio-Host'] = original.host;
    if (opts.username && opts.password) {
      headers.Authorization = `Basic ${base64(`${opts.username}:${opts.password}`)}`;
    } else if (opts.authStrategy) {
      headers.Authorization = await opts.authStrategy.getAuthString();
    }

    const response = await fetch(target, {
      method: opts.method.toUpperCase(),
      headers,
      body: encodeBody(opts.data, headers['Content-Type']),
      redirect: opts.allowRedirects ? 'follow' : 'manual',
      signal: AbortSignal.timeout(opts.timeout ?? DEFAULT_TIMEOUT_MS),
    });
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => { responseHeaders[key] = value; });
    // twilio JSON-parses string bodies itself.
    return { statusCode: response.status, body: await response.text(), headers: responseHeaders };
  }
}

function appendParams(search: URLSearchParams, params?: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(params ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) search.append(key, String(item));
    }
  }
}

function encodeBody(data: TwilioHttpRequest['data'], contentType?: string): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data;
  if (contentType === 'application/json') return JSON.stringify(data);
  const form = new URLSearchParams();
  appendParams(form, data);
  return form.toString();
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
