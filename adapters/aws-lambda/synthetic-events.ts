/**
 * Builders of Lambda events exactly as AWS produces them for a given HTTP request: used by unit tests,
 * by `tfa dev --target aws` and by the conformance suite that invokes built bundles. Each builder applies its integration's
 * documented transformations: header casing and merging, query decoding,
 * stage prefixes, base64 bodies and the headers AWS adds. Shapes follow real captures
 * (awsdocs/aws-lambda-developer-guide `sample-apps/nodejs-apig/event*.json`, the ALB docs example).
 */
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  DEFAULT_IP, LOWER_NAMES, base64, bytesOf, clientLines, decodeQueryComponent, groupLines, isAwsText, lastValues,
  methodOf, mimeOf, queryPairs, rawQuery, utf8, withProxyHeaders, type HttpRequestSpec, type Line,
} from './synthetic-request';

export { TRACE_ID, type HeaderSpec, type HttpRequestSpec } from './synthetic-request';

export const REST_DOMAIN = 'abc123defg.execute-api.us-east-1.amazonaws.com';
export const HTTP_API_DOMAIN = 'r3pmxmplak.execute-api.us-east-1.amazonaws.com';
export const ALB_HOST = 'my-alb-1234567890.us-east-1.elb.amazonaws.com';
const ACCOUNT = '123456789012';
const TIME = { text: '10/Mar/2026:05:16:23 +0000', epoch: 1773119783220 };

/** Options of {@link v1Event}. */
export interface V1Options extends HttpRequestSpec {
  /** Default `prod`. */
  stage?: string;
  domainName?: string;
  /** The REST API's binaryMediaTypes; `['*\/*']` makes every body base64. Default none. */
  binaryMediaTypes?: string[];
  /** Custom-domain routing rule with StripBasePath: `path` loses this prefix, `rawPath` keeps it (L23). */
  stripBasePath?: string;
}

/** REST API (payload 1.0) proxy event. */
export function v1Event(spec: V1Options = {}): APIGatewayProxyEvent & { rawPath?: string } {
  const { stage = 'prod', domainName = REST_DOMAIN, binaryMediaTypes = [], stripBasePath } = spec;
  const method = methodOf(spec);
  const clientPath = spec.path ?? '/';
  const stripped = stripBasePath && clientPath.startsWith(stripBasePath)
    ? clientPath.slice(stripBasePath.length) || '/'
    : undefined;
  const path = stripped ?? clientPath;
  const ip = spec.sourceIp ?? DEFAULT_IP;
  // REST drops Content-Length, keeps client casing and adds Title-Case proxy headers.
  const lines = withProxyHeaders(clientLines(spec).filter(([n]) => n.toLowerCase() !== 'content-length'), {
    ip, proto: 'https', port: '443', host: domainName,
    names: { host: 'Host', trace: 'X-Amzn-Trace-Id', xff: 'X-Forwarded-For', port: 'X-Forwarded-Port', proto: 'X-Forwarded-Proto' },
  });
  const multiValueHeaders = groupLines(lines);
  const headers = lastValues(multiValueHeaders);
  // Query values arrive decoded (`+` as space, aws/aws-cdk#19827); absent maps are null.
  const pairs = queryPairs(rawQuery(spec.query));
  const multiQuery = groupLines(pairs.map(([k, v]) => [decodeQueryComponent(k), decodeQueryComponent(v)] as Line));
  const body = bytesOf(spec.body);
  const mime = mimeOf(lines);
  const binary = binaryMediaTypes.some((t) =>
    t === '*/*' || t === mime || (t.endsWith('/*') && !!mime?.startsWith(t.slice(0, -1))));
  const resource = path === '/' ? '/' : '/{proxy+}';
  const apiId = domainName.split('.')[0]!;
  return {
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: pairs.length ? lastValues(multiQuery) : null,
    multiValueQueryStringParameters: pairs.length ? multiQuery : null,
    pathParameters: path === '/' ? null : { proxy: decodeQueryComponent(path.slice(1)) },
    stageVariables: null,
    requestContext: {
      accountId: ACCOUNT, apiId, authorizer: undefined, domainName, domainPrefix: apiId,
      extendedRequestId: 'BQGojGkyoAMFZzw=', httpMethod: method,
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
        cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
        cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: ip, user: null,
        userAgent: headers['User-Agent'] ?? headers['user-agent'] ?? null, userArn: null,
      },
      // On execute-api the client path carries the stage; through a routing rule it does not.
      path: stripped !== undefined ? clientPath : `/${stage}${path}`,
      protocol: 'HTTP/1.1', requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTime: TIME.text, requestTimeEpoch: TIME.epoch, resourceId: 'qxy3zs', resourcePath: resource, stage,
    },
    body: body ? (binary ? base64(body) : utf8(body)) : null,
    isBase64Encoded: !!body && binary,
    ...(stripped !== undefined ? { rawPath: clientPath } : {}),
  };
}

/** Options of {@link v2Event}. */
export interface V2Options extends HttpRequestSpec {
  /** Default `$default` (no prefix in rawPath); a named stage prefixes rawPath. */
  stage?: string;
  domainName?: string;
}

function payloadV2(spec: HttpRequestSpec, kind: 'http-api' | 'function-url', domainName: string, stage: string): APIGatewayProxyEventV2 {
  const method = methodOf(spec);
  const ip = spec.sourceIp ?? DEFAULT_IP;
  const lines = withProxyHeaders(clientLines(spec).map(([n, v]) => [n.toLowerCase(), v] as Line), {
    ip, proto: 'https', port: '443', host: domainName, names: LOWER_NAMES,
  });
  // Cookies move to cookies[]; HTTP API drops the header, Function URLs keep it.
  const cookies = lines.filter(([n]) => n === 'cookie')
    .flatMap(([, v]) => v.split(';').map((c) => c.trim()).filter(Boolean));
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(groupLines(lines))) {
    if (name !== 'cookie' || kind === 'function-url') headers[name] = values.join(',');
  }
  let path = spec.path ?? '/';
  if (kind === 'http-api') {
    // Live captures show HTTP API percent-decoding rawPath (and rejecting undecodable paths).
    try {
      path = decodeURIComponent(path);
    } catch {
      throw new Error(`HTTP API would reject the undecodable path ${path}`);
    }
  }
  const rawPath = stage === '$default' ? path : `/${stage}${path}`;
  const rawQueryString = rawQuery(spec.query);
  const decoded = queryPairs(rawQueryString).map(([k, v]) => [decodeQueryComponent(k), decodeQueryComponent(v)] as Line);
  const query = Object.fromEntries(Object.entries(groupLines(decoded)).map(([k, vs]) => [k, vs.join(',')]));
  const body = bytesOf(spec.body);
  const text = isAwsText(mimeOf(lines));
  const apiId = domainName.split('.')[0]!;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: kind === 'function-url' ? 'anonymous' : ACCOUNT, apiId, domainName, domainPrefix: apiId,
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: ip, userAgent: headers['user-agent'] ?? '' },
      requestId: 'JKJaXmPLvHcESHA=', routeKey: '$default', stage, time: TIME.text, timeEpoch: TIME.epoch,
    },
    ...(body ? { body: text ? utf8(body) : base64(body) } : {}),
    // Decided by the content type even without a body (a GET without Content-Type says true).
    isBase64Encoded: !text,
  };
}

/** HTTP API (payload 2.0) event. */
export function v2Event(spec: V2Options = {}): APIGatewayProxyEventV2 {
  return payloadV2(spec, 'http-api', spec.domainName ?? HTTP_API_DOMAIN, spec.stage ?? '$default');
}

/** Lambda Function URL event: payload 2.0 on `<urlId>.lambda-url.<region>.on.aws` (default `abc`, us-east-1). */
export function functionUrlEvent(spec: HttpRequestSpec & { urlId?: string; region?: string } = {}): APIGatewayProxyEventV2 {
  return payloadV2(spec, 'function-url', `${spec.urlId ?? 'abc'}.lambda-url.${spec.region ?? 'us-east-1'}.on.aws`, '$default');
}

/** Options of {@link albEvent}. */
export interface AlbOptions {
  /** Target group attribute lambda.multi_value_headers.enabled. */
  multiValue?: boolean;
  /** Listener scheme and port; default https / 443 (http / 80). */
  protocol?: 'http' | 'https';
  port?: number;
}

/** ALB Lambda target event. Query keys and values stay raw (ALB does not decode them). */
export function albEvent(spec: HttpRequestSpec = {}, options: AlbOptions = {}): ALBEvent {
  const { multiValue = false, protocol = 'https' } = options;
  const port = String(options.port ?? (protocol === 'https' ? 443 : 80));
  const lines = withProxyHeaders(clientLines(spec).map(([n, v]) => [n.toLowerCase(), v] as Line), {
    ip: spec.sourceIp ?? DEFAULT_IP, proto: protocol, port, host: ALB_HOST, names: LOWER_NAMES,
  });
  const query = groupLines(queryPairs(rawQuery(spec.query)));
  const headers = groupLines(lines);
  const body = bytesOf(spec.body);
  const text = isAwsText(mimeOf(lines));
  return {
    requestContext: { elb: { targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/lambda-tg/6d0ecf831eec9f09` } },
    httpMethod: methodOf(spec),
    path: spec.path ?? '/',
    ...(multiValue
      ? { multiValueQueryStringParameters: query, multiValueHeaders: headers }
      : { queryStringParameters: lastValues(query), headers: lastValues(headers) }),
    // GET/HEAD and other bodiless requests arrive as "".
    body: body?.byteLength ? (text ? utf8(body) : base64(body)) : '',
    isBase64Encoded: !!body?.byteLength && !text,
  };
}
