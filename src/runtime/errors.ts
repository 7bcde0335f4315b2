import type { RuntimeResult } from './result';

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
): RuntimeResult {
  const body: Record<string, string> = { message, name };
  if (extra.stack) body.stack = extra.stack;
  // Names are lower case and sorted, as `Headers` would give them (`allow` before `content-type`).
  const headers: Record<string, string> = { ...extra.headers, 'content-type': 'application/json; charset=utf-8' };
  return { status, headers: sortKeys(headers), cookies: [], body: JSON.stringify(body) };
}

export function httpErrorResponse(error: HttpError): RuntimeResult {
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

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
