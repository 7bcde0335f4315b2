/**
 * The result objects Lambda integrations accept. Values are always strings
 * (R10), and each shape lists only the keys its integration allows: REST and ALB answer 502
 * "Malformed Lambda proxy response" to anything else.
 */

/** REST API (payload 1.0) result: these five keys only; `cookies` would be a 502. */
export interface V1Result {
  statusCode: number;
  headers: Record<string, string>;
  /** Only `set-cookie` (names never overlap `headers`, so API Gateway cannot duplicate values). */
  multiValueHeaders: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}

/** HTTP API payload 2.0 / Function URL result. */
export interface V2Result {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
  /** One entry per Set-Cookie; omitted when there are none. */
  cookies?: string[];
}

/** ALB result, in the header mode of the request (`headers` xor `multiValueHeaders`). */
export interface AlbResult {
  statusCode: number;
  statusDescription: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}

/** Any of the three result shapes; which one is decided by the event source. */
export type LambdaResult = V1Result | V2Result | AlbResult;
