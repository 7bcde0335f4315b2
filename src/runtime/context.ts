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

/** Variables the environment sets for the computed keys win, as in Twilio (B-26). */
export function buildContext(env: Env, path: string, domainName: string): TwilioContext {
  return {
    PATH: path,
    DOMAIN_NAME: domainName,
    SERVICE_SID: undefined,
    ENVIRONMENT_SID: undefined,
    ...env,
    // A method rather than an arrow: the bundles keep function names (esbuild keepNames),
    // which costs a defineProperty for every named arrow created per request; methods are exempt.
    getTwilioClient(options?: object) {
      return twilioClient(env, options);
    },
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
