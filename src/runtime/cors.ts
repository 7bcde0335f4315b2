import type { RuntimeResult } from './result';

/** Hosted Twilio answers OPTIONS itself without invoking the function (B-11). */
export function preflightResponse(): RuntimeResult {
  return {
    status: 204,
    cookies: [],
    body: null,
    // Sorted by name, the order a `Headers` object gives.
    headers: {
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers':
        'Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, User-Agent',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'ETag',
      'access-control-max-age': '86400',
    },
  };
}
