/**
 * `tfa dev --target aws`: serves the built Lambda bundles behind a local HTTP front that turns each
 * request into the event API Gateway (REST v1 or HTTP API v2), a Function URL or an ALB would send,
 * so the artefact that gets deployed is the one being tested.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { headerPairs } from '../../adapters/node/http';
import { albEvent, functionUrlEvent, v1Event, v2Event } from '../../adapters/aws-lambda/synthetic-events';
import type { HttpRequestSpec } from '../../adapters/aws-lambda/synthetic-request';
import type { Manifest } from '../build/manifest-types';
import { FRAMING_HEADERS } from '../runtime/result';
import { decodePath, ROOT_FALLBACK } from '../runtime/routes';
import { projectEnv } from '../project/env';

export const EVENT_FORMATS = ['v2', 'v1', 'function-url', 'alb', 'alb-multi'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/** REST APIs always have a stage; this one stands for it locally. */
export const LOCAL_STAGE = 'local';

type LambdaHandler = (event: unknown, context: object) => Promise<any>;

export interface AwsHostOptions {
  out: string;
  /** The manifest of the build in `out`. */
  manifest: Manifest;
  port: number;
  host: string;
  eventFormat: EventFormat;
  log?: (line: string) => void;
}

export async function startAwsHost(options: AwsHostOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { manifest } = options;
  const log = options.log ?? console.log;
  // The deployed functions get the project's variables through Lambda configuration and secrets.
  Object.assign(process.env, projectEnv(manifest.project.root));
  const bundles = new Map(manifest.routes.filter((r) => r.bundles?.aws).map((r) => [r.path, path.join(options.out, r.bundles!.aws!)]));
  const publicAssets = new Set(manifest.routes.filter((r) => r.kind === 'asset' && r.visibility === 'public').map((r) => r.path));
  const handlers = new Map<string, Promise<LambdaHandler>>();

  const server = http.createServer(async (req, res) => {
    const started = performance.now();
    const body = await readAll(req);
    const [rawPath, query = ''] = (req.url ?? '/').split(/\?(.*)/s);
    // CloudFront's default root object stands in for Twilio's `/` fallback (B-6).
    const route = rawPath === '/' && !bundles.has('/') && publicAssets.has(ROOT_FALLBACK) ? ROOT_FALLBACK : decodePath(rawPath);
    const bundle = route === undefined ? undefined : bundles.get(route);
    let status: number;
    if (bundle) {
      const spec: HttpRequestSpec = { method: req.method, path: rawPath, query, headers: headerPairs(req.rawHeaders), body: body.length ? body : undefined };
      try {
        const result = await invoke(handlers, bundle, eventFor(options.eventFormat, spec, req.headers.host ?? 'localhost'));
        status = writeResult(res, result);
      } catch (error) {
        // A failed invocation gets a generic 500 (never the error itself); the details only in the log.
        log(`Invocation failed: ${(error as Error)?.stack ?? error}`);
        status = 500;
        if (res.headersSent) res.destroy();
        else res.writeHead(status, { 'content-type': 'application/json' }).end('{"message":"Internal Server Error"}');
      }
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      status = 404;
    }
    log(`${req.method} ${rawPath} ${status} ${(performance.now() - started).toFixed(0)}ms`);
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${options.host}:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function eventFor(format: EventFormat, spec: HttpRequestSpec, host: string): unknown {
  switch (format) {
    case 'v1': return v1Event({ ...spec, stage: LOCAL_STAGE, domainName: host, binaryMediaTypes: ['*/*'] });
    case 'v2': return v2Event({ ...spec, domainName: host });
    case 'function-url': return functionUrlEvent(spec);
    case 'alb': return albEvent(spec);
    case 'alb-multi': return albEvent(spec, { multiValue: true });
  }
}

async function invoke(handlers: Map<string, Promise<LambdaHandler>>, dir: string, event: unknown): Promise<any> {
  let handler = handlers.get(dir);
  if (!handler) {
    handler = import(pathToFileURL(path.join(dir, 'index.js')).href).then((mod) => mod.handler ?? mod.default?.handler);
    handlers.set(dir, handler);
  }
  return (await handler)(event, lambdaContext());
}

/**
 * What API Gateway, a Function URL or an ALB would send back for this Lambda result: framed by the
 * front end, whatever Content-Length or Transfer-Encoding the result names.
 */
function writeResult(res: http.ServerResponse, result: any): number {
  const headers: Array<[string, string]> = [];
  const add = (name: string, value: unknown) => { if (!FRAMING_HEADERS.has(name.toLowerCase())) headers.push([name, String(value)]); };
  for (const [name, value] of Object.entries<string>(result.headers ?? {})) add(name, value);
  for (const [name, values] of Object.entries<string[]>(result.multiValueHeaders ?? {})) for (const v of values) add(name, v);
  for (const cookie of result.cookies ?? []) headers.push(['set-cookie', cookie]);
  const body = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (result.statusCode !== 204 && result.statusCode !== 304) headers.push(['content-length', String(body.length)]);
  res.writeHead(result.statusCode, headers.flat());
  res.end(body);
  return result.statusCode;
}

function lambdaContext(): object {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'tfa-local',
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

function readAll(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
