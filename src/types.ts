/**
 * Types for Twilio Function authors, shaped like `@twilio-labs/serverless-runtime-types` so
 * existing TypeScript functions compile unchanged.
 *
 * @example
 * import type { ServerlessFunctionSignature } from 'twilio-functions-adapter/types';
 *
 * export const handler: ServerlessFunctionSignature<{ GREETING: string }, { Body?: string }> =
 *   (context, event, callback) => {
 *     const twiml = new Twilio.twiml.MessagingResponse();
 *     twiml.message(`${context.GREETING}: ${event.Body}`);
 *     callback(null, twiml);
 *   };
 */
import type twilio from 'twilio';
import type { TwilioResponse } from './runtime/twilio-response';

export type EnvironmentVariables = Record<string, string | undefined>;

export type Context<T = {}> = T & {
  getTwilioClient(options?: Record<string, unknown>): ReturnType<typeof twilio>;
  DOMAIN_NAME: string;
  PATH: string;
  SERVICE_SID: string | undefined;
  ENVIRONMENT_SID: string | undefined;
};

export interface ServerlessEventObject<RequestHeaders = Record<string, string | string[]>, Cookies = Record<string, string>> {
  request: { headers: RequestHeaders; cookies: Cookies };
}

export type ServerlessCallback = (error: null | Error | string | object, payload?: unknown) => void;

export type ServerlessFunctionSignature<Env extends EnvironmentVariables = {}, Event = {}> = (
  context: Context<Env>,
  event: Event & ServerlessEventObject,
  callback: ServerlessCallback,
) => void | Promise<void>;

export type HandlerFunction = ServerlessFunctionSignature;

export interface AssetResourceMap {
  [key: string]: { path: string; open(): string };
}

export interface ResourceMap {
  [key: string]: { path: string };
}

export interface RuntimeInstance {
  getAssets(): AssetResourceMap;
  getFunctions(): ResourceMap;
  getSync(options?: { serviceName?: string }): any;
}

export type TwilioGlobal = typeof twilio & { Response: typeof TwilioResponse };

declare global {
  // eslint-disable-next-line no-var
  var Twilio: TwilioGlobal;
  // eslint-disable-next-line no-var
  var Runtime: RuntimeInstance;
}
