/**
 * AWS Lambda adapter: runs the platform-neutral core behind API Gateway (REST and HTTP API),
 * Function URLs and ALB. Converters handle event formats (`toRuntimeRequest`/`fromRuntimeResult`
 * for the core's `handle`, `toRequest`/`toResult` for Web `Request`/`Response`); the wrapper
 * (`createLambdaHandler`) handles invocation.
 */
export { createLambdaHandler, type LambdaContextLike, type LambdaHandler } from './handler';
export { detectEventSource, isAlbMultiValue, type EventSource } from './detect';
export { AdapterError } from './errors';
export { toRequest, type LambdaRequest } from './to-request';
export {
  ALB_PAYLOAD_LIMIT,
  LAMBDA_PAYLOAD_LIMIT,
  errorResult,
  toResult,
  type AlbResult,
  type LambdaResult,
  type V1Result,
  type V2Result,
} from './to-result';
