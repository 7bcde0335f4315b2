/**
 * Wrapper: how Lambda invokes us. One async handler for every HTTP integration (REST, HTTP API,
 * Function URL, ALB); the converters do the format work, this file only sequences them and makes
 * sure every failure still produces a well-formed result.
 */
import type { Runtime } from '../../src/runtime/types';
import { detectEventSource, isAlbMultiValue, type EventSource } from './detect';
import { AdapterError } from './errors';
import { toRuntimeRequest, toWebRequest } from './to-request';
import { errorResult, fromRuntimeResult, toResult, type LambdaResult } from './to-result';

/** The part of the Lambda context object the adapter touches. */
export interface LambdaContextLike {
  callbackWaitsForEmptyEventLoop: boolean;
}

/**
 * An async Lambda handler. The event is `unknown` because Lambda hands over whatever the trigger
 * sent; non-HTTP events get a 400 rather than a crash.
 */
export type LambdaHandler = (event: unknown, context?: LambdaContextLike) => Promise<LambdaResult>;

/**
 * Creates the Lambda entry point (`export const handler = createLambdaHandler(...)`).
 * Async only: the Node 24 runtime no longer supports callback-style handlers.
 * @param getRuntime Returns the core; called once per invocation, so cache inside it (typically
 *   a module-level promise created on cold start).
 */
export function createLambdaHandler(getRuntime: () => Runtime | Promise<Runtime>): LambdaHandler {
  return async (event, context) => {
    // Hosted Twilio ends leftover work once the callback fires; without this Lambda would keep
    // the invocation open (and billed) until timers and sockets of user code drain.
    if (context) context.callbackWaitsForEmptyEventLoop = false;

    // Answer in the event's shape even when it fails later; unclassifiable events get v2, the
    // shape of the most common integration (Function URL / HTTP API).
    let source: EventSource = 'v2';
    let multiValue = false;
    try {
      source = detectEventSource(event);
      multiValue = isAlbMultiValue(event);
      const { request, publicUrl, rawHeaders } = toRuntimeRequest(event, source, multiValue);
      const runtime = await getRuntime();
      // The core's `handle` skips the WHATWG Request/Response (see src/runtime/result.ts);
      // `fetch` serves a `Runtime` that has only `fetch` (the interface makes `handle` optional).
      if (runtime.handle) {
        return fromRuntimeResult(await runtime.handle(request, { publicUrl, rawHeaders }), source, multiValue);
      }
      const response = await runtime.fetch(toWebRequest(request), { publicUrl, rawHeaders });
      return await toResult(response, source, multiValue);
    } catch (error) {
      if (error instanceof AdapterError) {
        console.error(`[aws-lambda] ${error.status} ${error.name}: ${error.message}`);
        return errorResult(error.status, error.message, error.name, source, multiValue);
      }
      // Details (stack) go to the log only, never to the caller.
      console.error('[aws-lambda] Internal error:', error instanceof Error ? error.stack ?? error.message : error);
      return errorResult(500, 'Internal error', 'Error', source, multiValue);
    }
  };
}
