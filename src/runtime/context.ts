/**
 * Builds the `context` a handler receives (B-26…B-29) and the Twilio clients it hands out.
 */
import { createTwilioClient } from './twilio-lib';
import { FetchHttpClient } from './fetch-http-client';

export type Env = Record<string, string | undefined>;

export interface TwilioContext extends Record<string, unknown> {
  PATH: string;
  DOMAIN_NAME: string;
  SERVICE_SID?: string;
  ENVIRONMENT_SID?: string;
  getTwilioClient(options?: object): any;
}

/**
 * The `context` of each request for a project's environment. Variables the environment sets for
 * the computed keys win, as in Twilio (B-26).
 *
 * Why a template per path: copying a ready object is cheaper than assembling it from the
 * environment on every request, and all contexts share one `getTwilioClient` instead of a new
 * closure each. Paths are the project's routes, so the templates stay few.
 *
 * @example
 * const contextFor = contextFactory(env);
 * const context = contextFor('/sms', 'example.com'); // { PATH: '/sms', DOMAIN_NAME: 'example.com', ...env, getTwilioClient }
 */
export function contextFactory(env: Env): (path: string, domainName: string) => TwilioContext {
  function getTwilioClient(options?: object) {
    return twilioClient(env, options);
  }
  const domainFromEnv = Object.hasOwn(env, 'DOMAIN_NAME');
  const templates = new Map<string, TwilioContext>();
  return (path, domainName) => {
    let template = templates.get(path);
    if (!template) {
      template = { PATH: path, DOMAIN_NAME: '', SERVICE_SID: undefined, ENVIRONMENT_SID: undefined, ...env, getTwilioClient };
      templates.set(path, template);
    }
    const context = { ...template };
    if (!domainFromEnv) context.DOMAIN_NAME = domainName;
    return context;
  };
}

/** Same as hosted Twilio: credentials come from ACCOUNT_SID / AUTH_TOKEN, lazily loaded domains. */
export function twilioClient(env: Env, options: object = {}): any {
  const accountSid = env.ACCOUNT_SID;
  const authToken = env.AUTH_TOKEN;
  if (!accountSid) throw configError('Missing Account SID: set ACCOUNT_SID in .env or the platform environment');
  if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) throw configError('Invalid Account SID: it must be 34 characters starting with AC');
  if (!authToken) throw configError('Missing Auth Token: set AUTH_TOKEN in .env or the platform secrets');
  return createTwilioClient(accountSid, authToken, {
    lazyLoading: true,
    httpClient: new FetchHttpClient(env.TWILIO_API_BASE_URL || undefined),
    ...options,
  });
}

/** `Runtime.getSync()` (B-34): the Sync service of this project, with `maps`/`lists` aliases. */
export function syncService(env: Env, options: { serviceName?: string } & Record<string, unknown> = {}): any {
  const { serviceName = 'default', ...clientOptions } = options;
  const service = twilioClient(env, clientOptions).sync.v1.services(serviceName);
  Object.defineProperty(service, 'maps', { get: () => service.syncMaps });
  Object.defineProperty(service, 'lists', { get: () => service.syncLists });
  return service;
}

function configError(message: string): Error {
  const error = new Error(message);
  error.name = 'INVALID_CONFIG';
  return error;
}
