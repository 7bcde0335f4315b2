/**
 * The globals every Twilio Function sees (B-31…B-34): `Twilio` (the twilio exports plus
 * `Twilio.Response`) and `Runtime`. They are installed before any function module is evaluated,
 * because real code calls `Runtime.getFunctions()` at module top level.
 *
 * twilio-run also defines a global `Response` (= Twilio.Response); we do not, since it would
 * replace the Web `Response` that fetch-based code (and this runtime) relies on.
 */
import { lazyTwilioExports } from './twilio-lib';
import { TwilioResponse } from './twilio-response';
import { syncService, type Env } from './context';
import type { AssetEntry, FunctionEntry } from './types';
import type { RuntimeInstance } from '../types';

export function installGlobals(functions: FunctionEntry[], assets: AssetEntry[], env: Env): void {
  const scope = globalThis as Record<string, unknown>;
  if (!scope.Twilio) scope.Twilio = Object.assign(lazyTwilioExports(), { Response: TwilioResponse });
  scope.Runtime = createRuntimeGlobal(functions, assets, env);
}

export function createRuntimeGlobal(functions: FunctionEntry[], assets: AssetEntry[], env: Env): RuntimeInstance {
  return {
    // Every function, any visibility, keyed without the leading slash (B-33).
    getFunctions: () =>
      Object.fromEntries(functions.map((f) => [f.route.slice(1), { path: f.path }])),
    // Only private assets, keyed by their URL path (B-32).
    getAssets: () =>
      Object.fromEntries(
        assets
          .filter((a) => a.visibility === 'private')
          .map((a) => [a.route, { path: a.path, open: a.open ?? (() => { throw new Error(`Asset ${a.route} cannot be opened here`); }) }]),
      ),
    getSync: (options) => syncService(env, options),
  };
}
