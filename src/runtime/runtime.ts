/**
 * The platform-neutral Twilio Functions runtime: standard `Request` in, standard `Response` out
 * (`fetch`), or the same without the Web types for Node hosts (`handle`, see result.ts).
 *
 * @example
 * const runtime = createRuntime({ functions, assets, env });
 * const response = await runtime.fetch(new Request('https://example.com/sms', { method: 'POST', body }));
 */
import { NO_BODY, parseBody, readBody } from './body';
import { contextFactory } from './context';
import { preflightResponse } from './cors';
import { errorResponse, HttpError, httpErrorResponse } from './errors';
import { buildEvent } from './event';
import { installGlobals } from './globals';
import { invoke } from './invoke';
import { successResponse, failureResponse } from './callback-result';
import { RouteTable, type Route } from './routes';
import { checkSignature, UNAUTHORIZED_MESSAGE } from './signature';
import { assetResponse } from './assets';
import { checkHeaderLimits } from './limits';
import { publicUrlOf } from './public-url';
import { urlParts } from './request-url';
import { toWebResponse, type RuntimeResult } from './result';
import type {
  FetchOptions, FunctionEntry, Runtime, RuntimeConfig, RuntimeHeaders, RuntimeOptions, RuntimeRequest,
} from './types';

export const DEFAULT_CONFIG: RuntimeConfig = {
  timeoutMs: 10_000,
  maxBodyBytes: 6 * 1024 * 1024,
  trustProxy: false,
  debug: false,
};

const DEFAULT_METHODS = ['GET', 'POST'];

/** The core; unlike the `Runtime` contract, it always has `handle`. */
export type CoreRuntime = Runtime & { handle: NonNullable<Runtime['handle']> };

export function createRuntime(options: RuntimeOptions): CoreRuntime {
  const config: RuntimeConfig = { ...DEFAULT_CONFIG, ...definedOnly(options.config ?? {}) };
  const log = options.log ?? defaultLog;
  const routes = new RouteTable(options.functions, options.assets);
  const contextFor = contextFactory(options.env);
  installGlobals(options.functions, options.assets, options.env);

  async function handle(request: RuntimeRequest, fetchOptions: FetchOptions): Promise<RuntimeResult> {
    const url = urlParts(request.url);
    checkHeaderLimits(request.headers);
    const route = routes.match(url.pathname);
    if (!route) throw new HttpError(404, 'Could not find requested resource');
    if (request.method === 'OPTIONS') return preflightResponse();
    checkMethod(route, request.method);

    // Most webhooks are GETs without a body: no stream to read, and parseBody answers the shared NO_BODY.
    const raw = request.body ? await readBody(request, config.maxBodyBytes) : NO_BODY.raw;
    if (request.method === 'GET' && (raw.byteLength > 0 || declaresBody(request.headers))) {
      throw new HttpError(403, 'GET requests cannot carry a body');
    }
    const body = route.kind === 'function' || route.entry.visibility === 'protected'
      ? parseBody(raw, request.headers.get('content-type'))
      : { raw, kind: 'none' as const, params: {} };

    const publicUrl = publicUrlOf(request, url, fetchOptions, config);
    if (route.entry.visibility === 'protected') {
      const result = checkSignature(request.headers, publicUrl, body, options.env);
      if (!result.ok) {
        log('warn', `401 ${request.method} ${url.pathname}: ${result.reason}`);
        throw new HttpError(401, UNAUTHORIZED_MESSAGE);
      }
    }
    if (route.kind === 'asset') return assetResponse(route.entry);

    const event = buildEvent(url.search.slice(1), body.params, fetchOptions.rawHeaders ?? request.headers.entries());
    const domainName = publicUrl === request.url ? url.host : urlParts(publicUrl).host;
    const context = contextFor(route.entry.route, domainName);
    // Awaited: a promise returned from an async function takes one more microtask turn to settle it.
    return await runFunction(route.entry, context, event);
  }

  async function runFunction(entry: FunctionEntry, context: unknown, event: unknown): Promise<RuntimeResult> {
    let handler;
    try {
      // Each await of a value that is already there still costs a microtask turn.
      const loaded = entry.load();
      handler = (loaded instanceof Promise ? await loaded : loaded).handler;
    } catch (error) {
      log('error', `Function ${entry.route} failed to load: ${describe(error)}`);
      return failureResponse(config.debug ? error : new Error(`Function ${entry.route} failed to load`), config.debug);
    }
    if (typeof handler !== 'function') {
      return errorResponse(500, `Could not find a "handler" function for ${entry.route}`);
    }
    const invoked = invoke(handler, context, event, entry.timeoutMs ?? config.timeoutMs);
    const outcome = invoked instanceof Promise ? await invoked : invoked;
    if (outcome.kind === 'timeout') {
      log('error', `Function ${entry.route} did not call callback within ${entry.timeoutMs ?? config.timeoutMs} ms`);
      return errorResponse(504, 'Runtime application timed out', 'GatewayTimeout');
    }
    if (outcome.kind === 'failure') {
      log('error', `Function ${entry.route} failed: ${describe(outcome.error)}`);
      return failureResponse(outcome.error, config.debug);
    }
    try {
      return successResponse(outcome.payload);
    } catch (error) {
      log('error', `Function ${entry.route} returned a response that cannot be sent: ${describe(error)}`);
      return errorResponse(500, 'Function returned an invalid response');
    }
  }

  async function safeHandle(request: RuntimeRequest, fetchOptions: FetchOptions = {}): Promise<RuntimeResult> {
    try {
      return await handle(request, fetchOptions);
    } catch (error) {
      if (error instanceof HttpError) return httpErrorResponse(error);
      log('error', `Unexpected error for ${request.method} ${request.url}: ${describe(error)}`);
      return errorResponse(500, 'Internal error');
    }
  }

  return {
    config,
    handle: safeHandle,
    fetch: async (request, fetchOptions) => toWebResponse(await safeHandle(request, fetchOptions)),
  };
}

function checkMethod(route: Route, method: string): void {
  // The common case without building the list.
  if (method === 'GET' || (method === 'POST' && route.kind === 'function')) return;
  const allowed = route.kind === 'asset' ? ['GET'] : [...DEFAULT_METHODS, ...(route.entry.methods ?? [])];
  if (!allowed.includes(method)) {
    throw new HttpError(405, `Method ${method} is not allowed on this path`, 'MethodNotAllowed', {
      allow: [...allowed, 'OPTIONS'].join(', '),
    });
  }
}

/** Some servers drop a GET body before the core sees it; its headers still tell. */
function declaresBody(headers: RuntimeHeaders): boolean {
  return Number(headers.get('content-length')) > 0 || headers.has('transfer-encoding');
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function defaultLog(level: 'info' | 'warn' | 'error', message: string): void {
  console[level](message);
}
