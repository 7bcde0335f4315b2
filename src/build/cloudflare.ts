/**
 * The Cloudflare Worker: one minified ES module for the whole project, plus its config.
 *
 *   cloudflare/worker/worker.js `export default { fetch }`, built for workerd, and
 *                               its .map. A folder of its own: with no_bundle, wrangler attaches every
 *                               .html/.txt file under the entry's folder to the Worker as a module.
 *   cloudflare/assets/          public and protected assets (protected ones only reachable through
 *                               the Worker, which checks the signature: `run_worker_first`)
 *   cloudflare/wrangler.json    deployable as is: `npx wrangler deploy -c <out>/cloudflare/wrangler.json`
 *   cloudflare/.dev.vars        secret values from .env, for local runs only
 *
 * Then the Worker is checked against Cloudflare's limits: its gzip size (with the packages and
 * files that make it up, worker-size.ts) and its startup time, measured by loading it in workerd
 * (worker-startup.ts; workerd boots while esbuild bundles). A Worker workerd cannot start fails
 * the build, as the deploy would fail.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectFile } from '../project/discover';
import { type BuildContext, runEsbuild, type TargetResult, variableNames, type WorkerFigures } from './context';
import { BuildError, TOOL_ROOT, twilioPlugin } from './dependencies';
import { workerEntry } from './entry';
import { baseOptions } from './esbuild-options';
import { copyAssets, type BuildWarning, rewriteSourceMap, shownPath, sizeOf } from './output-files';
import { seconds } from './report';
import { virtualFilesPlugin } from './virtual-files';
import { blameLargest, type BundlePart, bundleParts } from './worker-size';
import { explainStartupFailure } from './startup-failure';
import { STARTUP_LIMIT_MS, STARTUP_WARNING_MS, startStartupCheck, type StartupCheck } from './worker-startup';

export const WORKER_FILE = 'cloudflare/worker/worker.js';
export const WRANGLER_CONFIG = 'cloudflare/wrangler.json';
export const WORKER_ASSETS_DIR = 'cloudflare/assets';
export const COMPATIBILITY_DATE = '2026-04-01';
export const COMPATIBILITY_FLAGS = ['nodejs_compat'];
const MAX_RUN_WORKER_FIRST_RULES = 100;
/** Compressed Worker size limits: Free and Paid plans (older docs; check `wrangler deploy --dry-run`). */
export const WORKER_GZIP_LIMITS = { free: 3 * 2 ** 20, paid: 10 * 2 ** 20 };

export interface CloudflareOptions {
  /** Load the built Worker in workerd to measure its startup (default true). */
  startupCheck?: boolean;
}

const LARGEST_PARTS_KEPT = 5;

export async function buildCloudflare(ctx: BuildContext, options: CloudflareOptions = {}): Promise<TargetResult> {
  // Boots workerd in a process of its own now, so that overlaps with bundling.
  const check = options.startupCheck === false
    ? undefined
    : startStartupCheck({ compatibilityDate: COMPATIBILITY_DATE, compatibilityFlags: COMPATIBILITY_FLAGS, bindings: ctx.envValues });
  try {
    return await bundleWorker(ctx, check);
  } finally {
    check?.cancel();
  }
}

async function bundleWorker(ctx: BuildContext, check: StartupCheck | undefined): Promise<TargetResult> {
  const { project, outDir } = ctx;
  const entries = new Map([['worker', workerEntry(project, variableNames(ctx))]]);
  ctx.progress(`cloudflare: bundling one Worker for ${project.functions.length} functions`);
  const { warnings, metafile } = await runEsbuild(ctx, 'cloudflare', {
    ...baseOptions('cloudflare'),
    entryPoints: { worker: 'tfa-entry:worker' },
    outdir: path.join(outDir, path.dirname(WORKER_FILE)),
    plugins: [virtualFilesPlugin({ target: 'cloudflare', projectRoot: project.root, entries }), twilioPlugin('cloudflare', ctx.twilio)],
  });
  rewriteSourceMap(path.join(outDir, `${WORKER_FILE}.map`), project.root);

  const served = project.assets.filter((a) => a.visibility !== 'private');
  mkdirSync(path.join(outDir, WORKER_ASSETS_DIR), { recursive: true });
  copyAssets(served, path.join(outDir, WORKER_ASSETS_DIR));
  writeFileSync(path.join(outDir, WRANGLER_CONFIG), `${JSON.stringify(wranglerConfig(ctx), null, 2)}\n`);
  const secrets = ctx.secretNames.filter((name) => ctx.envValues[name]);
  writeFileSync(path.join(outDir, 'cloudflare/.dev.vars'), secrets.map((name) => `${name}=${quote(ctx.envValues[name])}\n`).join(''));

  const size = sizeOf(path.join(outDir, WORKER_FILE));
  const roots = { projectRoot: project.root, toolRoot: TOOL_ROOT };
  const parts = bundleParts(metafile, roots);
  warnings.push(...sizeWarnings(size.gzipBytes, parts, size.bytes));
  const figures: WorkerFigures = { largestParts: parts.slice(0, LARGEST_PARTS_KEPT) };

  if (check) {
    const result = await check.measure(path.join(outDir, WORKER_FILE));
    const cost = `the check added ${seconds(result.addedMs)} after bundling`;
    if (result.status === 'failed') {
      const sourceMap = JSON.parse(readFileSync(path.join(outDir, `${WORKER_FILE}.map`), 'utf8'));
      const { problem, fix } = explainStartupFailure(result.error, { metafile, sourceMap, roots });
      throw new BuildError(`cloudflare: the Worker fails to start in workerd, as it would when deployed: ${problem}\n  To fix: ${fix}`);
    }
    if (result.status === 'unavailable') {
      ctx.progress(`cloudflare: startup not measured (${cost})`);
      warnings.push({ target: 'cloudflare', message: `startup time not measured: ${result.reason} (tfa build --no-startup-check skips this check)` });
    } else {
      figures.startupMs = result.startupMs;
      ctx.progress(`cloudflare: startup ${result.startupMs} ms in workerd (${cost})`);
      warnings.push(...startupWarnings(result.startupMs, parts, size.bytes));
    }
  }

  const bundleOf = (file: ProjectFile) =>
    file.visibility === 'private' ? undefined : project.assets.includes(file) && file.visibility === 'public' ? `${WORKER_ASSETS_DIR}${file.route}` : WORKER_FILE;
  const config = shownPath(path.join(outDir, WRANGLER_CONFIG));
  const notes = ctx.secretNames.map((name) => `npx wrangler secret put ${name} -c ${config}`);
  return { bundles: new Map([['worker', { dir: WORKER_FILE, ...size }]]), bundleOf, warnings, metafile, notes, worker: figures };
}

/** Over the compressed size limits: says which package or file dominates and what to do about it. */
export function sizeWarnings(gzipBytes: number, parts: BundlePart[], totalBytes: number): BuildWarning[] {
  const over = gzipBytes > WORKER_GZIP_LIMITS.paid ? 'over the 10 MiB Workers Paid limit' : gzipBytes > WORKER_GZIP_LIMITS.free ? 'over the 3 MiB Workers Free limit (Paid allows 10 MiB)' : undefined;
  if (!over) return [];
  return [{ target: 'cloudflare', message: `worker.js is ${mib(gzipBytes)} gzip, ${over}${blameLargest(parts, totalBytes)}` }];
}

/** Close to or over the 1 s startup limit: names the largest part (compile time grows with size). */
export function startupWarnings(startupMs: number, parts: BundlePart[], totalBytes: number): BuildWarning[] {
  if (startupMs <= STARTUP_WARNING_MS) return [];
  const level = startupMs > STARTUP_LIMIT_MS
    ? `over Cloudflare's ${STARTUP_LIMIT_MS / 1000} s startup limit, so the deploy will likely be rejected`
    : `close to Cloudflare's ${STARTUP_LIMIT_MS / 1000} s startup limit`;
  return [{
    target: 'cloudflare',
    message: `the Worker took ${startupMs} ms to start in workerd, ${level} (measured on this machine; Cloudflare's CPUs differ)${blameLargest(parts, totalBytes)}; also keep heavy work out of module top level`,
  }];
}

export function wranglerConfig(ctx: BuildContext): Record<string, unknown> {
  const { project } = ctx;
  const secret = new Set(ctx.secretNames);
  const vars = Object.fromEntries(Object.entries(ctx.envValues).filter(([name]) => !secret.has(name)));
  // Function paths never match a file in assets/, so the Worker runs for them anyway; only
  // protected assets need listing. Wrangler accepts at most 100 rules: beyond that the Worker
  // runs first for every path (it serves public assets through the ASSETS binding too).
  const protectedAssets = project.assets.filter((a) => a.visibility === 'protected').map((a) => a.route);
  const runWorkerFirst = protectedAssets.length === 0 ? false : protectedAssets.length > MAX_RUN_WORKER_FIRST_RULES ? true : protectedAssets;
  return {
    name: workerName(project.name),
    main: path.posix.relative('cloudflare', WORKER_FILE),
    compatibility_date: COMPATIBILITY_DATE,
    compatibility_flags: COMPATIBILITY_FLAGS,
    // Already bundled for workerd by tfa build; a second esbuild pass would only cost time.
    no_bundle: true,
    upload_source_maps: true,
    assets: {
      directory: 'assets',
      binding: 'ASSETS',
      // Exact paths, as Twilio serves them (no /index.html → / redirects).
      html_handling: 'none',
      // Protected assets must pass the Worker's signature check before the ASSETS binding serves them.
      run_worker_first: runWorkerFirst,
    },
    vars,
  };
}

/** Worker names: lower-case letters, digits and dashes, at most 63 characters. */
export function workerName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'twilio-functions';
}

function quote(value: string): string {
  return /['\n\r]/.test(value) ? JSON.stringify(value) : `'${value}'`;
}

/** Two decimals: the limits are whole MiB, so a size just over one must not round onto it. */
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
