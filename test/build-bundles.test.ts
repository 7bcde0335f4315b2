/**
 * End to end: `tfa build` on test/fixtures/templates, then the built artefacts executed as the
 * platforms run them — each Lambda bundle imported in its own fresh `node` process and called
 * with API Gateway HTTP API (v2) events, the Worker in workerd through Miniflare.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_API_DOMAIN, v2Event, type V2Options } from '../adapters/aws-lambda/synthetic-events';
import { buildProject } from '../src/build/build';
import type { Manifest } from '../src/build/manifest-types';
import { startFakeTwilioApi, type FakeTwilioApi } from './support/fake-twilio-api';
import { tempProject } from './support/temp-project';

const FIXTURE = path.resolve(__dirname, 'fixtures/templates');
const MP3 = readFileSync(path.join(FIXTURE, 'assets/beep.private.mp3'));
const AUTH_TOKEN = 'fixture-auth-token';
const ACCOUNT_SID = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** Imports a built bundle in a fresh process (as Lambda does), feeds it events, reports results. */
const RUNNER = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const dir = process.argv[2];
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { handler } = await import(pathToFileURL(dir + '/index.js').href);
const results = [];
for (const event of JSON.parse(input)) results.push(await handler(event, { callbackWaitsForEmptyEventLoop: true }));
const loaded = Object.keys(createRequire(dir + '/index.js').cache);
process.stdout.write('\\n@@RESULT ' + JSON.stringify({
  results,
  restClientLoaded: loaded.some((f) => f.includes('/twilio/lib/rest/')),
  axiosLoaded: loaded.some((f) => f.includes('/node_modules/axios/')),
}));
`;

interface LambdaResult { statusCode: number; headers?: Record<string, string>; body: string; isBase64Encoded?: boolean }

let out: string;
let manifest: Manifest;
let api: FakeTwilioApi;

/** `root`: the build output holding the bundle (the fixture's by default). */
function runLambda(id: string, events: V2Options[], env: Record<string, string> = {}, root = out): Promise<{ results: LambdaResult[]; restClientLoaded: boolean; axiosLoaded: boolean; stderr: string }> {
  const bundle = path.join(root, 'aws/functions', id);
  // The Lambda environment: what the CDK app sets from .env (plain) and Secrets Manager (secrets).
  const lambdaEnv = { PATH: process.env.PATH!, GREETING: 'Ahoy', ACCOUNT_SID, AUTH_TOKEN, API_SECRET: 's3cret', TWILIO_API_BASE_URL: api.url, ...env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(out, 'runner.mjs'), bundle], { env: lambdaEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const marker = stdout.indexOf('@@RESULT ');
      if (code !== 0 || marker === -1) return reject(new Error(`bundle ${id} exited with ${code}: ${stderr}`));
      resolve({ ...JSON.parse(stdout.slice(marker + 9)), stderr });
    });
    child.stdin.end(JSON.stringify(events.map((spec) => v2Event(spec))));
  });
}

/**
 * Runs `use` with a stand-in for the AWS SDK that Lambda's Node.js runtime provides, installed in
 * the node_modules the bundles resolve from. The stand-in exports `GetSecretValueCommand` and has
 * a `calls` counter in scope; `client` is the code that exports `SecretsManagerClient`.
 */
async function withFakeSecretsSdk<T>(client: string, use: () => Promise<T>): Promise<T> {
  const sdk = path.join(out, 'aws/node_modules/@aws-sdk/client-secrets-manager');
  mkdirSync(sdk, { recursive: true });
  writeFileSync(path.join(sdk, 'index.js'), `let calls = 0;
exports.GetSecretValueCommand = class { constructor(input) { this.input = input; } };
${client}`);
  try {
    return await use();
  } finally {
    rmSync(path.join(out, 'aws/node_modules/@aws-sdk'), { recursive: true, force: true });
  }
}

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:tfa';

const bodyOf = (result: LambdaResult) => (result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body));
const sign = (url: string, params: Record<string, string>) => twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params);
const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

beforeAll(async () => {
  out = tempProject({}, 'tfa-build-');
  api = await startFakeTwilioApi();
  ({ manifest } = await buildProject({ project: FIXTURE, out, targets: ['aws', 'cloudflare'] }));
  writeFileSync(path.join(out, 'runner.mjs'), RUNNER);
}, 120_000);

afterAll(async () => {
  await api?.close();
});

describe('manifest', () => {
  it('lists every route with kind, visibility, source and the bundle serving it per target', () => {
    const route = (p: string) => manifest.routes.find((r) => r.path === p)!;
    expect(route('/hello')).toMatchObject({ kind: 'function', visibility: 'public', source: 'functions/hello.js', bundles: { aws: 'aws/functions/hello', cloudflare: 'cloudflare/worker/worker.js' } });
    expect(route('/typed')).toMatchObject({ source: 'functions/typed.ts', methods: ['PUT'] });
    expect(route('/auth')).toMatchObject({ visibility: 'private' });
    expect(route('/auth').bundles).toBeUndefined();
    expect(route('/report.txt')).toMatchObject({ kind: 'asset', visibility: 'protected', bundles: { aws: 'aws/functions/_assets', cloudflare: 'cloudflare/worker/worker.js' } });
    expect(route('/index.html').bundles).toEqual({ aws: 'aws/functions/_assets', cloudflare: 'cloudflare/assets/index.html' });
    expect(route('/beep.mp3')).toMatchObject({ visibility: 'private', bytes: MP3.length });
    expect(manifest.env).toEqual({ names: ['ACCOUNT_SID', 'AUTH_TOKEN', 'GREETING', 'API_SECRET'], secrets: ['ACCOUNT_SID', 'AUTH_TOKEN', 'API_SECRET'] });
    expect(route('/hello').bytes).toBeGreaterThan(0);
    expect(route('/hello').gzipBytes).toBeLessThan(route('/hello').bytes!);
  });

  it('ships public and protected assets for serving, never private ones', () => {
    for (const dir of ['aws/assets', 'cloudflare/assets', 'aws/functions/_assets/assets']) {
      expect(existsSync(path.join(out, dir, 'index.html'))).toBe(true);
      expect(existsSync(path.join(out, dir, 'report.txt'))).toBe(true);
      expect(existsSync(path.join(out, dir, 'beep.mp3'))).toBe(false);
      expect(existsSync(path.join(out, dir, 'menu.json'))).toBe(false);
    }
  });

  it('writes a wrangler config without secrets, and the secrets to .dev.vars', () => {
    const config = JSON.parse(readFileSync(path.join(out, 'cloudflare/wrangler.json'), 'utf8'));
    expect(config).toMatchObject({ main: 'worker/worker.js', compatibility_date: '2026-04-01', compatibility_flags: ['nodejs_compat'], vars: { GREETING: 'Ahoy' } });
    expect(config.assets).toMatchObject({ directory: 'assets', binding: 'ASSETS', run_worker_first: ['/report.txt'] });
    expect(JSON.stringify(config)).not.toMatch(/fixture-auth-token|fixture-api-secret|ACaaaa/);
    const devVars = readFileSync(path.join(out, 'cloudflare/.dev.vars'), 'utf8');
    expect(devVars).toContain("AUTH_TOKEN='fixture-auth-token'");
    expect(devVars).toContain("API_SECRET='fixture-api-secret'");
  });
});

describe('AWS Lambda bundles (fresh node process per bundle)', () => {
  it('TwiML with a private helper required at module top level, without loading the REST client', async () => {
    const { results, restClientLoaded } = await runLambda('hello', [{ path: '/hello', query: { From: 'Ada' } }]);
    expect(results[0].statusCode).toBe(200);
    expect(results[0].body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Ahoy. Greetings, Ada</Say></Response>');
    expect(restClientLoaded).toBe(false);
  });

  it('private JSON via open(), binary via fs.readFileSync(path), computed keys, JS asset by path', async () => {
    const [menu] = (await runLambda('menu', [{ path: '/menu' }])).results;
    expect(JSON.parse(menu.body)).toEqual({ title: 'Main menu', options: 2 });
    const [audio] = (await runLambda('audio', [{ path: '/audio' }])).results;
    expect(audio.headers?.['content-type']).toBe('audio/mpeg');
    expect(bodyOf(audio).equals(MP3)).toBe(true);
    const computed = (await runLambda('computed', [{ path: '/computed' }, { path: '/computed', query: { name: 'farewell', style: 'reverse' } }])).results;
    expect(computed.map((r) => r.body)).toEqual(['[Welcome aboard]', 'sdniw riaF']);
    const [slug] = (await runLambda('js-asset', [{ path: '/js-asset', query: { text: 'Ahoy There' } }])).results;
    expect(slug.body).toBe('ahoy-there');
  });

  it('fs.readFile, fs.promises, node:fs/promises, existsSync and require(jsonPath) on asset paths', async () => {
    const [files] = (await runLambda('files', [{ path: '/files' }])).results;
    expect(JSON.parse(files.body)).toEqual({
      viaCallback: 'Welcome aboard',
      viaPromises: 'Main menu',
      mp3Bytes: MP3.length,
      exists: true,
      stat: { size: statSync(path.join(FIXTURE, 'assets/menu.private.json')).size, isFile: true },
      missing: false,
      requiredJson: 'Main menu',
      functionPaths: ['audio', 'auth', 'boom', 'computed', 'deps', 'env', 'files', 'hello', 'helpers/format', 'helpers/reverse', 'js-asset', 'menu', 'request-client', 'send', 'sms', 'typed'],
      assetKeys: ['/beep.mp3', '/menu.json', '/messages/farewell.txt', '/messages/greeting.txt', '/utils.js'],
    });
  });

  it('CommonJS and ESM-only dependencies, a TypeScript function, and its extra method', async () => {
    expect((await runLambda('deps', [{ path: '/deps', query: { name: 'Bob' } }])).results[0].body).toBe('GREETINGS, BOB!');
    const typed = (await runLambda('typed', [{ path: '/typed', method: 'PUT', query: { name: 'Ts' } }])).results[0];
    expect(JSON.parse(typed.body)).toEqual({ message: 'Ahoy, Ts', typed: true });
  });

  it('passes only the project variables to context', async () => {
    const [env] = (await runLambda('env', [{ path: '/env' }], { HOME: '/root' })).results;
    expect(JSON.parse(env.body)).toEqual({ greeting: 'Ahoy', processGreeting: 'Ahoy', token: AUTH_TOKEN, processToken: AUTH_TOKEN, home: 'undefined' });
  });

  it('reads secrets from Secrets Manager once per cold start when TFA_SECRETS_ARN is set', async () => {
    const { results } = await withFakeSecretsSdk(`
      exports.SecretsManagerClient = class { async send(command) {
        if (command.input.SecretId !== '${SECRET_ARN}') throw new Error('wrong secret id');
        return { SecretString: JSON.stringify({ AUTH_TOKEN: 'from-secrets-' + ++calls, NOT_LISTED: 'x' }) };
      } };`, () => runLambda('env', [{ path: '/env' }, { path: '/env' }], {
      AUTH_TOKEN: '', TFA_SECRETS_ARN: SECRET_ARN, TFA_SECRET_NAMES: 'ACCOUNT_SID,AUTH_TOKEN,API_SECRET',
    }));
    expect(results.map((r) => JSON.parse(r.body))).toEqual([
      expect.objectContaining({ token: 'from-secrets-1', processToken: 'from-secrets-1' }),
      expect.objectContaining({ token: 'from-secrets-1' }),
    ]);
  });

  it('starts over when the secrets request of the init phase was frozen and never answered', async () => {
    // The first request hangs, and the clock jumps a minute, as when Lambda freezes an environment
    // (provisioned concurrency) right after init with that request in flight.
    const { results } = await withFakeSecretsSdk(`
      exports.SecretsManagerClient = class {
        constructor(config) { this.timeout = config.requestHandler && config.requestHandler.requestTimeout; }
        send() {
          if (++calls === 1) {
            // The clock reading taken as this request starts is real; every later one is a minute on.
            const now = Date.now;
            let readings = 0;
            Date.now = () => now() + (++readings > 1 ? 60000 : 0);
            return new Promise(() => {});
          }
          return Promise.resolve({ SecretString: JSON.stringify({ AUTH_TOKEN: 'call-' + calls + '-timeout-' + this.timeout }) });
        }
      };`, () => runLambda('env', [{ path: '/env' }], { AUTH_TOKEN: '', TFA_SECRETS_ARN: SECRET_ARN, TFA_SECRET_NAMES: 'AUTH_TOKEN' }));
    expect(results[0].statusCode).toBe(200);
    expect(JSON.parse(results[0].body)).toMatchObject({ token: 'call-2-timeout-3000' });
  });

  it('getTwilioClient() loads the REST client from node_modules beside the bundle, without axios', async () => {
    const sent = api.requests.length;
    const { results, restClientLoaded, axiosLoaded } = await runLambda('send', [{ path: '/send', method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form({ To: '+15551230000', Body: 'from lambda' }) }]);
    expect(results[0].statusCode).toBe(200);
    expect(JSON.parse(results[0].body)).toMatchObject({ status: 'queued' });
    expect(restClientLoaded).toBe(true);
    // Its fetch-based httpClient leaves twilio's RequestClient (and axios) unloaded.
    expect(axiosLoaded).toBe(false);
    expect(api.requests.slice(sent).map((r) => r.form.get('Body'))).toEqual(['from lambda']);
    expect(existsSync(path.join(out, 'aws/functions/send/node_modules/twilio/lib/rest/Twilio.js'))).toBe(true);
  });

  it("twilio's own RequestClient still loads and sends for code that creates clients itself", async () => {
    const sent = api.requests.length;
    const { results, axiosLoaded } = await runLambda('request-client', [{ path: '/request-client', query: { To: '+15551230000', Body: 'via axios' } }]);
    expect(results[0].statusCode).toBe(200);
    expect(JSON.parse(results[0].body)).toEqual({ status: 201, sid: expect.stringMatching(/^SM/), requestClient: true, name: 'RequestClient', statics: 'function' });
    expect(axiosLoaded).toBe(true);
    expect(api.requests.slice(sent).map((r) => r.form.get('Body'))).toEqual(['via axios']);
  });

  it('protected function and protected asset require a valid signature', async () => {
    const params = { Body: 'hi', From: '+1555' };
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const url = `https://${HTTP_API_DOMAIN}/sms`;
    const { results } = await runLambda('sms', [
      { path: '/sms', method: 'POST', headers, body: form(params) },
      { path: '/sms', method: 'POST', headers: { ...headers, 'X-Twilio-Signature': sign(url, params) }, body: form(params) },
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([401, 200]);
    expect(results[1].body).toContain('<Message>Got: hi</Message>');
    const assets = (await runLambda('_assets', [
      { path: '/report.txt' },
      { path: '/report.txt', headers: { 'X-Twilio-Signature': sign(`https://${HTTP_API_DOMAIN}/report.txt`, {}) } },
      { path: '/style.css' },
    ])).results;
    expect(assets.map((r) => r.statusCode)).toEqual([401, 200, 200]);
    expect(bodyOf(assets[1]).toString()).toBe('Protected report contents\n');
    expect(assets[2].headers?.['content-type']).toMatch(/^text\/css/);
  });

  it('maps stack traces to the project file and the runtime\'s, with or without --enable-source-maps', async () => {
    const lazy = await runLambda('boom', [{ path: '/boom' }], { TFA_DEBUG: '1' });
    expect(JSON.parse(lazy.results[0].body).stack).toMatch(/functions\/boom\.js:3:\d+/);
    // The runtime is compiled apart, minified, at the top of the bundle (src/build/lambda-runtime.ts):
    // its frames name its files and its functions as written.
    expect(JSON.parse(lazy.results[0].body).stack).toMatch(/at invoke \(tfa\/src\/runtime\/invoke\.ts:\d+:\d+\)/);
    const { results } = await runLambda('boom', [{ path: '/boom' }], { NODE_OPTIONS: '--enable-source-maps', TFA_DEBUG: '1' });
    expect(results[0].statusCode).toBe(500);
    expect(JSON.parse(results[0].body).stack).toMatch(/functions\/boom\.js:3:\d+/);
    expect(JSON.parse(results[0].body).stack).toMatch(/tfa\/src\/runtime\/invoke\.ts:\d+:\d+/);
  });
});

describe('Cloudflare Worker (workerd via Miniflare)', () => {
  let mf: Miniflare;
  const call = (p: string, init?: RequestInit) => mf.dispatchFetch(`http://localhost${p}`, init as never);

  beforeAll(async () => {
    const dir = path.join(out, 'cloudflare');
    const config = JSON.parse(readFileSync(path.join(dir, 'wrangler.json'), 'utf8'));
    const secrets = Object.fromEntries(readFileSync(path.join(dir, '.dev.vars'), 'utf8').trim().split('\n').map((line) => {
      const [name, value] = line.split(/=(.*)/s);
      return [name, value.slice(1, -1)];
    }));
    mf = new Miniflare({
      modules: true,
      scriptPath: path.join(dir, config.main),
      modulesRoot: path.dirname(path.join(dir, config.main)),
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      bindings: { ...config.vars, ...secrets, TWILIO_API_BASE_URL: api.url },
      assets: {
        directory: path.join(dir, config.assets.directory),
        binding: config.assets.binding,
        routerConfig: { has_user_worker: true, static_routing: { user_worker: config.assets.run_worker_first } },
        assetConfig: { html_handling: config.assets.html_handling },
      },
      cf: false,
    });
    await mf.ready;
  }, 60_000);
  afterAll(() => mf?.dispose());

  it('TwiML with a private helper required at module top level', async () => {
    const res = await call('/hello?From=Ada');
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Ahoy. Greetings, Ada</Say></Response>');
  });

  it('private JSON, binary asset bytes, computed keys and a JS asset by path', async () => {
    expect(await (await call('/menu')).json()).toEqual({ title: 'Main menu', options: 2 });
    const audio = await call('/audio');
    expect(Buffer.from(await audio.arrayBuffer()).equals(MP3)).toBe(true);
    expect(await (await call('/computed?name=farewell&style=reverse')).text()).toBe('sdniw riaF');
    expect(await (await call('/js-asset?text=Ahoy%20There')).text()).toBe('ahoy-there');
  });

  it('every fs entry point on asset paths', async () => {
    expect(await (await call('/files')).json()).toMatchObject({
      viaCallback: 'Welcome aboard', viaPromises: 'Main menu', mp3Bytes: MP3.length, exists: true, missing: false, requiredJson: 'Main menu',
      stat: { size: statSync(path.join(FIXTURE, 'assets/menu.private.json')).size, isFile: true },
    });
  });

  it('dependencies, TypeScript, environment', async () => {
    expect(await (await call('/deps?name=Bob')).text()).toBe('GREETINGS, BOB!');
    expect(await (await call('/typed?name=Ts', { method: 'PUT' })).json()).toEqual({ message: 'Ahoy, Ts', typed: true });
    expect(await (await call('/env')).json()).toMatchObject({ greeting: 'Ahoy', processGreeting: 'Ahoy', token: AUTH_TOKEN, processToken: AUTH_TOKEN });
  });

  it('getTwilioClient() sends through the REST client bundled in the Worker', async () => {
    const sent = api.requests.length;
    const res = await call('/send', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form({ To: '+15551230000', Body: 'from worker' }) });
    expect(await res.json()).toMatchObject({ status: 'queued' });
    expect(api.requests.slice(sent).map((r) => r.form.get('Body'))).toEqual(['from worker']);
  });

  it('public assets from the assets directory; protected ones only with a signature; private ones not at all', async () => {
    expect(await (await call('/index.html')).text()).toContain('Hello from a public asset');
    expect((await call('/report.txt')).status).toBe(401);
    const signed = await call('/report.txt', { headers: { 'X-Twilio-Signature': sign('http://localhost/report.txt', {}) } });
    expect(await signed.text()).toBe('Protected report contents\n');
    expect((await call('/menu.json')).status).toBe(404);
    expect((await call('/auth')).status).toBe(404);
  });
});

describe('a generated 100-function project', () => {
  it('builds for both targets and its bundles run', async () => {
    const functions = Object.fromEntries(Array.from({ length: 100 }, (_, n) => [`functions/fn-${n}.js`, [
      "const { line } = require(Runtime.getFunctions()['shared'].path);",
      `exports.handler = (context, event, callback) => callback(null, JSON.parse(Runtime.getAssets()['/data.json'].open()).greeting + ' ' + line(${n}));`,
    ].join('\n')]));
    const project = tempProject({
      'functions/shared.private.js': 'exports.line = (n) => `Function number ${n}`;\n',
      'assets/data.private.json': '{"greeting":"hi"}',
      ...functions,
    }, 'tfa-100-');
    const projectOut = path.join(project, 'dist');
    const result = await buildProject({ project, out: projectOut, targets: ['aws', 'cloudflare'] });
    expect(result.manifest.routes.filter((r) => r.bundles?.aws)).toHaveLength(100);
    const { results } = await runLambda('fn-42', [{ path: '/fn-42' }], {}, projectOut);
    expect(results[0].body).toBe('hi Function number 42');
    const worker = new Miniflare({ modules: true, scriptPath: path.join(projectOut, 'cloudflare/worker/worker.js'), modulesRoot: path.join(projectOut, 'cloudflare/worker'), compatibilityDate: '2026-04-01', compatibilityFlags: ['nodejs_compat'], cf: false });
    try {
      expect(await (await worker.dispatchFetch('http://localhost/fn-99')).text()).toBe('hi Function number 99');
    } finally {
      await worker.dispose();
    }
  }, 300_000);
});
