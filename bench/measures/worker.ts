/**
 * P4: the built Worker in workerd (Miniflare over HTTP) against a plain Worker returning the same
 * body, same harness (children/worker-server.cjs + autocannon); and the Worker's gzip size the way
 * wrangler reports it (gzip of all uploaded modules, KiB). For context only, a third Worker does
 * the function's TwiML work and nothing else (built with the same esbuild settings as ours): the
 * ceiling of any Worker that runs that function.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { baseOptions } from '../../src/build/esbuild-options';
import { ACCOUNT_SID, AUTH_TOKEN, BODIES, CHILDREN, QUERY, REPO, SAY, WORK, type Build } from '../lib/fixtures';
import { answerProblem, loadRounds } from '../lib/load';
import { freePort, startServer, type Server } from '../lib/proc';
import { row, unavailable, type Row, type Spec } from '../lib/report';
import type { Settings } from '../lib/settings';

export const P4: Spec = { id: 'P4', measure: 'Worker req/s in workerd, TwiML route', unit: 'req/s', baseline: 'plain Worker', target: { on: 'ratio', op: '>=', limit: 0.7 } };
export const P4_GZIP: Spec = { id: 'P4', measure: 'Worker gzip size (3 functions, with twilio)', unit: 'KiB', target: { on: 'value', op: '<=', limit: 450 } };
export const P4_PER_FUNCTION: Spec = { id: 'P4', measure: 'Worker gzip per extra function (100 vs 3)', unit: 'KiB', target: { on: 'value', op: '<=', limit: 5 } };

export function workerFile(b: Build): string {
  const worker = b.manifest.targets.cloudflare?.worker;
  if (!worker) throw new Error('manifest has no targets.cloudflare.worker');
  return path.join(b.out, worker);
}

/** Every module wrangler would upload: the entry and the other JS/Wasm files beside it. */
export function workerModules(b: Build): string[] {
  const entry = workerFile(b);
  const dir = path.dirname(entry);
  if (path.resolve(dir) === path.resolve(b.out)) return [entry]; // flat out dir: do not sweep other targets in
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) { if (name !== 'assets') walk(file); } else if (/\.(m?js|cjs|wasm)$/.test(name)) files.push(file);
    }
  };
  walk(dir);
  return files;
}

/** Like wrangler's "Total Upload … gzip": one gzip (default level) over all modules, in KiB. */
export function gzipKiB(b: Build): { kib: number; rawKiB: number; modules: number } {
  const data = Buffer.concat(workerModules(b).map((f) => readFileSync(f)));
  return { kib: zlib.gzipSync(data).byteLength / 1024, rawKiB: data.byteLength / 1024, modules: workerModules(b).length };
}

export function sizeRows(base: Build | null, big: Build | null): Row[] {
  if (!base) return [unavailable(P4_GZIP, 'no build'), unavailable(P4_PER_FUNCTION, 'no build')];
  const small = gzipKiB(base);
  const rows = [row(P4_GZIP, small.kib, null, [`${small.modules} module(s), ${small.rawKiB.toFixed(0)} KiB raw`])];
  if (!big) return [...rows, unavailable(P4_PER_FUNCTION, 'no 100-function build (P5)')];
  const large = gzipKiB(big);
  const count = (b: Build) => b.manifest.routes.filter((r) => r.kind === 'function').length;
  const extra = count(big) - count(base);
  rows.push(row(P4_PER_FUNCTION, (large.kib - small.kib) / extra, null, [
    `${count(big)} functions: ${large.kib.toFixed(1)} KiB gzip (${large.rawKiB.toFixed(0)} KiB raw) vs ${count(base)}: ${small.kib.toFixed(1)} KiB`,
  ]));
  return rows;
}

const PLAIN_WORKER = (body: string) => `const BODY = ${JSON.stringify(body)};
export default {
  async fetch() {
    return new Response(BODY, { headers: { 'content-type': 'text/xml; charset=utf-8' } });
  },
};\n`;

const TWIML_WORKER = `import VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
export default {
  async fetch() {
    const twiml = new VoiceResponse();
    twiml.say(${JSON.stringify(SAY)});
    return new Response(twiml.toString(), { headers: { 'content-type': 'text/xml; charset=utf-8' } });
  },
};\n`;

async function twimlWorker(): Promise<string> {
  const outfile = path.join(WORK, 'twiml-worker', 'worker.js');
  await esbuild({
    ...baseOptions('cloudflare'),
    stdin: { contents: TWIML_WORKER, resolveDir: REPO, sourcefile: 'twiml-worker.mjs' },
    outfile, sourcemap: false, metafile: false,
  });
  return outfile;
}

type Variant = 'ours' | 'baseline' | 'twiml';

async function serve(name: string, script: string, bindings: Record<string, string>): Promise<Server> {
  const port = await freePort();
  return startServer({
    command: process.execPath,
    args: [path.join(CHILDREN, 'worker-server.cjs'), script, String(port), JSON.stringify(bindings)],
    log: path.join(WORK, 'logs', `${name}.log`),
    ready: /Listening on (http:\/\/[^\s]+)/,
    timeoutMs: 60000,
  });
}

export async function workerThroughput(s: Settings, b: Build): Promise<Row> {
  const plain = path.join(WORK, 'plain-worker.mjs');
  writeFileSync(plain, PLAIN_WORKER(BODIES.twiml));
  // Secrets as `wrangler secret put` / .dev.vars would give them, plus the plain vars of the generated config.
  const config = b.manifest.targets.cloudflare?.wranglerConfig;
  const vars = config && config.endsWith('.json') ? JSON.parse(readFileSync(path.join(b.out, config), 'utf8')).vars ?? {} : {};
  const bindings = { ...vars, ACCOUNT_SID, AUTH_TOKEN };
  const scripts: Record<Variant, [string, Record<string, string>]> = {
    ours: [workerFile(b), bindings], baseline: [plain, {}], twiml: [await twimlWorker(), {}],
  };
  const variants = Object.keys(scripts) as Variant[];
  const servers = new Map<Variant, Server>();
  try {
    for (const which of variants) {
      servers.set(which, await serve(`worker-${which}`, ...scripts[which]));
      const problem = await answerProblem(`${servers.get(which)!.url}/twiml?${QUERY}`, BODIES.twiml);
      if (problem) return unavailable(P4, `${which} worker ${problem}`);
    }
    const { results, rps, describe } = await loadRounds(new Map(variants.map((v) => [v, `${servers.get(v)!.url}/twiml?${QUERY}`])), s.loadRounds, {
      connections: s.connections, seconds: s.loadSeconds, warmupSeconds: s.loadWarmupSeconds,
    });
    return row(P4, rps('ours'), rps('baseline'), [
      `Miniflare over HTTP, autocannon c=${s.connections}, ${s.loadSeconds} s × ${s.loadRounds}`, ...variants.map(describe),
      `context: ours / (a Worker doing only the TwiML work) = ${(rps('ours') / rps('twiml')).toFixed(2)}×, (TwiML only) / plain = ${(rps('twiml') / rps('baseline')).toFixed(2)}×`,
    ], { ours: results.get('ours')!.map((r) => r.rps), baseline: results.get('baseline')!.map((r) => r.rps) });
  } catch (error) {
    return unavailable(P4, (error as Error).message.slice(0, 800));
  } finally {
    for (const server of servers.values()) await server.stop();
  }
}
