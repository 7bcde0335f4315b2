/**
 * Runs one handler the way hosted Twilio does: the first `callback` wins, a synchronous throw or a
 * rejected promise fails the invocation, and no callback within the limit is a timeout (B-49…B-54).
 */
import type { HandlerModule } from './types';

export type Outcome =
  | { kind: 'success'; payload: unknown }
  | { kind: 'failure'; error: unknown }
  | { kind: 'timeout' };

type Handler = NonNullable<HandlerModule['handler']>;

/**
 * Work a handler leaves running after `callback` is not awaited: its late results are ignored,
 * as on hosted Twilio, which ends the invocation at the callback.
 */
export function invoke(handler: Handler, context: unknown, event: unknown, timeoutMs: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    // Methods rather than named arrows: the bundles keep function names (esbuild
    // keepNames), which costs a defineProperty for every named arrow created per invocation.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const local = {
      finish(outcome: Outcome) {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        resolve(outcome);
      },
      callback(error?: unknown, payload?: unknown) {
        local.finish(error ? { kind: 'failure', error } : { kind: 'success', payload });
      },
    };
    const { finish, callback } = local;
    const started = Date.now();
    try {
      const returned = handler(context, event, callback) as Promise<unknown> | undefined;
      if (returned && typeof returned.then === 'function') {
        // A resolved promise without callback keeps waiting, as hosted Twilio does (B-51).
        returned.then(undefined, (error: unknown) => finish({ kind: 'failure', error: error ?? new Error('Handler rejected') }));
      }
    } catch (error) {
      finish({ kind: 'failure', error });
    }
    // Most TwiML handlers call back synchronously: those never need the timer (a timer costs
    // several percent of a dev-server request under load).
    if (!settled) timer = setTimeout(() => finish({ kind: 'timeout' }), Math.max(0, timeoutMs - (Date.now() - started)));
  });
}
