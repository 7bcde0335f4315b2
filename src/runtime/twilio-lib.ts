/**
 * The `twilio` library, loaded piece by piece. `require('twilio')` costs ~120 ms of cold start;
 * most functions only need TwiML or webhook validation, so each export is loaded on first use.
 * The `require` calls are static strings so bundlers see (and can split) every piece.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

type Loader = () => unknown;

/** `import x from` semantics for the CommonJS files of twilio (some `export =`, some `export default`). */
function def(mod: any): any {
  return mod && mod.__esModule && 'default' in mod ? mod.default : mod;
}

const loaders: Record<string, Loader> = {
  Twilio: () => def(require('twilio/lib/rest/Twilio')),
  // Each class on its own: a voice function should not pay for loading MessagingResponse.
  twiml: () => lazyObject({
    VoiceResponse: () => def(require('twilio/lib/twiml/VoiceResponse')),
    MessagingResponse: () => def(require('twilio/lib/twiml/MessagingResponse')),
    FaxResponse: () => def(require('twilio/lib/twiml/FaxResponse')),
  }),
  jwt: () => lazyObject({
    AccessToken: () => def(require('twilio/lib/jwt/AccessToken')),
    ValidationToken: () => def(require('twilio/lib/jwt/validation/ValidationToken')),
    ClientCapability: () => def(require('twilio/lib/jwt/ClientCapability')),
    taskrouter: () => lazyObject({
      TaskRouterCapability: () => def(require('twilio/lib/jwt/taskrouter/TaskRouterCapability')),
      util: () => require('twilio/lib/jwt/taskrouter/util'),
    }),
  }),
  RequestClient: () => def(require('twilio/lib/base/RequestClient')),
  RestException: () => def(require('twilio/lib/base/RestException')),
  ClientCredentialProviderBuilder: () =>
    def(require('twilio/lib/credential_provider/ClientCredentialProvider')).ClientCredentialProviderBuilder,
  OrgsCredentialProviderBuilder: () =>
    def(require('twilio/lib/credential_provider/OrgsCredentialProvider')).OrgsCredentialProviderBuilder,
  NoAuthCredentialProvider: () =>
    def(require('twilio/lib/credential_provider/NoAuthCredentialProvider')).NoAuthCredentialProvider,
};

const WEBHOOK_EXPORTS = [
  'validateBody', 'validateRequest', 'validateRequestWithBody', 'validateExpressRequest',
  'validateIncomingRequest', 'getExpectedBodyHash', 'getExpectedTwilioSignature',
  'getSignatureAlgorithm', 'SIGNATURE_HEADER', 'SIGNATURE_SETTINGS_HEADER', 'HMAC_SHA1',
  'HMAC_SHA256', 'webhook',
];
for (const name of WEBHOOK_EXPORTS) loaders[name] = () => webhooks()[name];

export function webhooks(): Record<string, any> {
  return require('twilio/lib/webhooks/webhooks');
}

/**
 * A plain object with every export of the `twilio` module as a lazy, enumerable getter,
 * so `{ ...Twilio }` and `Object.keys(Twilio)` look like `{ ...require('twilio') }` (B-31).
 */
export function lazyTwilioExports(): Record<string, any> {
  return lazyObject(loaders);
}

/** An object whose properties are loaded on first read, then kept as plain values. */
function lazyObject(properties: Record<string, Loader>): Record<string, any> {
  const lazy: Record<string, any> = {};
  for (const [name, load] of Object.entries(properties)) {
    Object.defineProperty(lazy, name, {
      enumerable: true,
      configurable: true,
      get() {
        const value = load();
        Object.defineProperty(lazy, name, { value, enumerable: true, writable: true, configurable: true });
        return value;
      },
    });
  }
  return lazy;
}

/** The `twilio(accountSid, authToken, options)` client constructor. */
export function createTwilioClient(accountSid: string, authToken: string, options: object): any {
  const Twilio = loaders.Twilio() as new (sid: string, token: string, opts: object) => unknown;
  return new Twilio(accountSid, authToken, options);
}
