/**
 * Error responses of the core: always JSON `{ message, name }`, one line, no stack trace,
 * file path or environment value unless debug is on.
 */

/** A failure with a known HTTP status, raised while routing or reading the request. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    name = statusName(status),
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = name;
  }
}

export function errorResponse(
  status: number,
  message: string,
  name = statusName(status),
  extra: { stack?: string; headers?: Record<string, string> } = {},
): Response {
  const body: Record<string, string> = { message, name };
  if (extra.stack) body.stack = extra.stack;
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extra.headers },
  });
}

export function httpErrorResponse(error: HttpError): Response {
  return errorResponse(error.status, error.message, error.name, { headers: error.headers });
}

function statusName(status: number): string {
  switch (status) {
    case 400: return 'BadRequest';
    case 401: return 'Unauthorized';
    case 403: return 'Forbidden';
    case 404: return 'NotFound';
    case 405: return 'MethodNotAllowed';
    case 413: return 'PayloadTooLarge';
    case 431: return 'RequestHeaderFieldsTooLarge';
    case 504: return 'GatewayTimeout';
    default: return 'Error';
  }
}
