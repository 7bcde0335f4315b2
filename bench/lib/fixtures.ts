/**
 * Artefacts generated at run time under bench/.work/: the bench project (hello, twiml, client),
 * the hand-written baselines, the v2 events, builds with `tfa build`, and the twilio-run copy.
 * Everything sits inside the repository so the baselines resolve `twilio` and `hono` from its
 * node_modules, exactly like an unbundled Lambda package would.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../../src/build/manifest-types';
import { DEFAULT_MEMORY_MB } from '../../cdk/lib/manifest';
import { timedNode } from './proc';

export const REPO = path.resolve(__dirname, '..', '..');
export const WORK = path.join(REPO, 'bench', '.work');
export const CHILDREN = path.join(REPO, 'bench', 'children');
const TFA = path.join(REPO, 'bin', 'tfa.cjs');

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = '0123456789abcdef0123456789abcdef';
export const DOMAIN = 'r3pmxmplak.execute-api.us-east-1.amazonaws.com';
export const QUERY = 'From=%2B15551234567&To=%2B15557654321&Body=hi';

export const SAY = 'Hello from the benchmark';
export const BODIES = {
  hello: 'Hello World',
  twiml: `<?xml version="1.0" encoding="UTF-8"?><Response><Say>${SAY}</Say></Response>`,
  client: 'client ok',
};
export type FunctionName = keyof typeof BODIES;

const FUNCTIONS: Record<FunctionName, string> = {
  hello: `exports.handler = (context, event, callback) => callback(null, 'Hello World');\n`,
  twiml: `exports.handler = (context, event, callback) => {
  const twiml = new Twilio.twiml.VoiceResponse();
  twiml.say('${SAY}');
  callback(null, twiml);
};\n`,
  // Creates the client and touches a REST domain (lazy-loaded by twilio) without sending anything.
  client: `exports.handler = (context, event, callback) => {
  const client = context.getTwilioClient();
  callback(null, typeof client.messages.create === 'function' ? 'client ok' : 'no client');
};\n`,
};

/** The three bench functions, plus `extra` generated ones (a mix of the three kinds, each distinct). */
export function writeProject(dir: string, extra = 0): string {
  rmSync(path.join(dir, 'functions'), { recursive: true, force: true }); // node_modules (twilio-run's) stays

  mkdirSync(path.join(dir, 'functions', 'gen'), { recursive: true });
  for (const [name, code] of Object.entries(FUNCTIONS)) writeFileSync(path.join(dir, 'functions', `${name}.js`), code);
  for (let i = 0; i < extra; i++) {
    const n = String(i).padStart(3, '0');
    const code = [
      `exports.handler = (context, event, callback) => callback(null, { n: ${i}, from: event.From || null });\n`,
      `exports.handler = (context, event, callback) => {\n  const twiml = new Twilio.twiml.MessagingResponse();\n  twiml.message('Reply ${i}: ' + (event.Body || ''));\n  callback(null, twiml);\n};\n`,
      `exports.handler = async (context, event, callback) => {\n  const client = context.getTwilioClient();\n  callback(null, { fn: ${i}, calls: typeof client.calls });\n};\n`,
    ][i % 3]!;
    writeFileSync(path.join(dir, 'functions', 'gen', `fn${n}.js`), code);
  }
  writeFileSync(path.join(dir, '.env'), `ACCOUNT_SID=${ACCOUNT_SID}\nAUTH_TOKEN=${AUTH_TOKEN}\n`);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: path.basename(dir), version: '1.0.0', private: true,
    // twilio-run needs this exact pin to use the runtime-handler dev server (event.request, headers).
    dependencies: { '@twilio/runtime-handler': '2.1.0' },
  }, null, 2));
  return dir;
}

/** Hand-written Lambda handlers: the cold-start and warm-invoke baselines. */
const BASELINES = {
  hello: `exports.handler = async () => ({
  statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Hello World',
});\n`,
  twiml: `const VoiceResponse = require('twilio/lib/twiml/VoiceResponse');
exports.handler = async () => {
  const twiml = new VoiceResponse();
  twiml.say('${SAY}');
  return { statusCode: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: twiml.toString() };
};\n`,
  client: `const twilio = require('twilio');
exports.handler = async () => {
  const client = twilio(process.env.ACCOUNT_SID, process.env.AUTH_TOKEN);
  const body = typeof client.messages.create === 'function' ? 'client ok' : 'no client';
  return { statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
};\n`,
  // P1a context: Hono's own Lambda adapter on a one-route app answering the same text.
  honoHello: `const { Hono } = require('hono');
const { handle } = require('hono/aws-lambda');
const app = new Hono();
app.all('/hello', (c) => c.text('Hello World'));
exports.handler = handle(app);\n`,
  // P1a context: the least any Twilio Functions runtime must do on Lambda: find the function by
  // path, build \`event\` (query parameters, headers) and \`context\`, call the handler and turn its
  // callback into the result. No validation, limits, signatures, bodies, cookies, globals, timeouts
  // or error handling: the closest figure a real runtime can get to.
  minimalRuntime: `const functions = { '/hello': () => require('../project/functions/hello.js') };
const env = { ACCOUNT_SID: process.env.ACCOUNT_SID, AUTH_TOKEN: process.env.AUTH_TOKEN };
function getTwilioClient() { throw new Error('not available in this baseline'); }
exports.handler = async (request) => {
  const load = functions[request.rawPath];
  if (!load) return { statusCode: 404, body: '' };
  const event = { request: { headers: { ...request.headers }, cookies: {} } };
  for (const pair of request.rawQueryString.split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) event[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1).replace(/\\+/g, ' '));
  }
  const context = { PATH: request.rawPath, DOMAIN_NAME: request.requestContext.domainName, ...env, getTwilioClient };
  return new Promise((resolve) => load().handler(context, event, (error, payload) => resolve({
    statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: String(payload),
  })));
};\n`,
  // P2: Hono's own Lambda adapter on a route doing the same TwiML work as the function.
  hono: `const { Hono } = require('hono');
const { handle } = require('hono/aws-lambda');
const VoiceResponse = require('twilio/lib/twiml/VoiceResponse');
const app = new Hono();
app.all('/twiml', (c) => {
  const twiml = new VoiceResponse();
  twiml.say('${SAY}');
  return c.body(twiml.toString(), 200, { 'content-type': 'text/xml; charset=utf-8' });
});
exports.handler = handle(app);\n`,
};
export type BaselineName = keyof typeof BASELINES;

export function writeBaselines(dir: string): Record<BaselineName, string> {
  mkdirSync(dir, { recursive: true });
  const files = {} as Record<BaselineName, string>;
  for (const [name, code] of Object.entries(BASELINES)) {
    files[name as BaselineName] = path.join(dir, `${name}.cjs`);
    writeFileSync(files[name as BaselineName], code);
  }
  return files;
}

/** A hand-written API Gateway HTTP API (payload 2.0) event for `GET <path>?<QUERY>`. */
export function v2Event(route: string): object {
  return {
    version: '2.0',
    routeKey: `ANY ${route}`,
    rawPath: route,
    rawQueryString: QUERY,
    headers: {
      accept: '*/*',
      'content-length': '0',
      host: DOMAIN,
      'user-agent': 'TwilioProxy/1.1',
      'x-amzn-trace-id': 'Root=1-65f1a2b3-0123456789abcdef01234567',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      'x-twilio-signature': 'ignored-for-public-functions=',
    },
    queryStringParameters: { From: '+15551234567', To: '+15557654321', Body: 'hi' },
    requestContext: {
      accountId: '123456789012',
      apiId: DOMAIN.split('.')[0],
      domainName: DOMAIN,
      domainPrefix: DOMAIN.split('.')[0],
      http: { method: 'GET', path: route, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'TwilioProxy/1.1' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: `ANY ${route}`,
      stage: '$default',
      time: '10/Mar/2026:05:16:23 +0000',
      timeEpoch: 1773119783220,
    },
    isBase64Encoded: false,
  };
}

export function writeEvent(dir: string, route: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `event${route.replace(/\//g, '-')}.json`);
  writeFileSync(file, JSON.stringify(v2Event(route)));
  return file;
}

/**
 * The node flags Lambda's Node.js runtime starts with for a function of `memoryMB`, as published
 * copies of its bootstrap script show (not checked on a live account): a tenth of the memory for
 * V8's young generation, split in two semi-spaces, the rest for the old generation. Lambda-style
 * children run with them, so memory and GC behave as they would deployed.
 */
export function lambdaNodeArgs(memoryMB = DEFAULT_MEMORY_MB): string[] {
  const newSpace = Math.floor(memoryMB / 10);
  return ['--expose-gc', '--max-http-header-size', '81920', `--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMB - newSpace}`];
}

/** Environment of a Lambda-style child: what the stack sets, with secrets given directly (no Secrets Manager offline). */
export function lambdaEnv(memoryMB = DEFAULT_MEMORY_MB): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    // No NODE_OPTIONS: the stack sets none (stack traces are mapped lazily by the bundle).
    ACCOUNT_SID, AUTH_TOKEN,
    PUBLIC_BASE_URL: `https://${DOMAIN}`,
    AWS_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: 'bench', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMB), AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  };
}

export interface Build {
  out: string;
  manifest: Manifest;
  wallMs: number;
}

/** `tfa build --project <project> --out <out>`; throws with the CLI output when it fails. */
export async function build(project: string, out: string): Promise<Build> {
  rmSync(out, { recursive: true, force: true });
  const { wallMs } = await timedNode([TFA, 'build', '--project', project, '--out', out], { cwd: REPO });
  const manifestFile = path.join(out, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`tfa build wrote no ${manifestFile}`);
  return { out, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest, wallMs };
}

/** The Lambda handler file of a function route (every AWS bundle folder holds an `index.js`). */
export function lambdaHandlerFile(b: Build, route: string): string {
  const entry = b.manifest.routes.find((r) => r.path === route && r.kind === 'function');
  const folder = entry?.bundles?.aws;
  if (!folder) throw new Error(`manifest has no aws bundle for ${route}`);
  return path.join(b.out, folder, 'index.js');
}

/**
 * The project again, for twilio-run, with @twilio/runtime-handler 2.1.0 installed in its
 * node_modules (cached across runs). Returns a note when the install fails: twilio-run then
 * falls back to its built-in legacy server.
 */
export function twilioRunProject(): { dir: string; note?: string } {
  const dir = writeProject(path.join(WORK, 'twilio-run-project'));
  const installed = path.join(dir, 'node_modules', '@twilio', 'runtime-handler', 'package.json');
  if (existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === '2.1.0') return { dir };
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=dev'], { cwd: dir, stdio: 'pipe', timeout: 180_000 });
    return { dir };
  } catch (error) {
    return { dir, note: `npm install of @twilio/runtime-handler@2.1.0 failed (${(error as Error).message.split('\n')[0]}); twilio-run used its built-in server` };
  }
}
