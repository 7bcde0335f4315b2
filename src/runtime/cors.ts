/** Hosted Twilio answers OPTIONS itself without invoking the function (B-11). */
export function preflightResponse(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-headers':
        'Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, User-Agent',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-expose-headers': 'ETag',
      'access-control-max-age': '86400',
      'access-control-allow-credentials': 'true',
    },
  });
}
