/**
 * The URL Twilio called, which signatures are computed over and `context.DOMAIN_NAME` comes from.
 * Order: the configured public base URL, then what the platform adapter reconstructed, then
 * forwarded headers (only when the proxy in front is trusted), then the request URL itself.
 */
import type { UrlParts } from './request-url';
import type { FetchOptions, RuntimeConfig, RuntimeRequest } from './types';

export function publicUrlOf(request: Pick<RuntimeRequest, 'url' | 'headers'>, url: UrlParts, options: FetchOptions, config: RuntimeConfig): string {
  if (config.publicBaseUrl) return config.publicBaseUrl.replace(/\/+$/, '') + url.pathname + url.search;
  if (options.publicUrl) return options.publicUrl;
  if (config.trustProxy) {
    const proto = firstValue(request.headers.get('x-forwarded-proto'));
    const host = firstValue(request.headers.get('x-forwarded-host'));
    if (proto || host) {
      return `${proto ?? url.protocol.slice(0, -1)}://${host ?? url.host}${url.pathname}${url.search}`;
    }
  }
  return request.url;
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(',')[0].trim();
  return value || undefined;
}
