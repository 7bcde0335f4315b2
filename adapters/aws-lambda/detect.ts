/**
 * Classifies a Lambda event by the integration that produced it.
 * The order matters: ALB events also carry `httpMethod` + `requestContext`, and REST (v1) events
 * behind custom-domain routing rules carry a `rawPath`, so neither of those fields alone decides.
 */
import { AdapterError } from './errors';

/** `v1`: REST API (or HTTP API payload 1.0); `v2`: HTTP API payload 2.0 or Function URL; `alb`: ALB. */
export type EventSource = 'v1' | 'v2' | 'alb';

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Returns which integration sent `event`.
 * @throws AdapterError 400 when the event is not an HTTP event we know (e.g. an SQS record or a
 *   hand-written test event missing `requestContext`).
 */
export function detectEventSource(event: unknown): EventSource {
  if (isObject(event)) {
    const ctx = event.requestContext;
    if (isObject(ctx)) {
      if (isObject(ctx.elb)) return 'alb';
      // `version` alone is not enough (VPC Lattice v2 also says "2.0"); `rawPath` alone is not
      // enough either (REST routing rules add it, hono#5015): require the v2 request context.
      if (event.version === '2.0' && isObject(ctx.http)) return 'v2';
      if (typeof event.httpMethod === 'string') return 'v1';
    } else if (typeof event.httpMethod === 'string' || event.version === '2.0') {
      // Looks like an HTTP event but cannot be served: say what is missing.
      throw new AdapterError(
        400,
        'Lambda event has no requestContext: cannot tell API Gateway, Function URL and ALB events apart',
      );
    }
  }
  throw new AdapterError(400, 'Unrecognised Lambda event: expected API Gateway (REST or HTTP API), Function URL or ALB');
}

/**
 * True for an ALB event from a target group with `lambda.multi_value_headers.enabled`: ALB then
 * sends `multiValueHeaders` instead of `headers` and expects the response in the same mode.
 */
export function isAlbMultiValue(event: unknown): boolean {
  return isObject(event) && isObject(event.requestContext) && isObject(event.requestContext.elb)
    && isObject(event.multiValueHeaders);
}
