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
 *
 * A handler that calls back before it returns (most TwiML handlers) gets its outcome back
 * directly: no promise, no timer and no microtask turn for the caller to wait.
 */
export function invoke(handler: Handler, context: unknown, event: unknown, timeoutMs: number): Outcome | Promise<Outcome> {
  let outcome: Outcome | undefined;
  let resolve: ((outcome: Outcome) => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Methods rather than named arrows: the Worker bundle and tsx (which runs `tfa dev`) keep
  // function names (esbuild keepNames), which costs a defineProperty for every named arrow
  // created per invocation.
  const local = {
    finish(result: Outcome) {
      if (outcome) return;
      outcome = result;
      if (timer !== undefined) clearTimeout(timer);
      resolve?.(result);
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
  if (outcome) return outcome;
  return new Promise<Outcome>((settle) => {
    resolve = settle;
    timer = setTimeout(() => finish({ kind: 'timeout' }), Math.max(0, timeoutMs - (Date.now() - started)));
  });
}
