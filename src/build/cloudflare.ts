/**
 * The Cloudflare Worker: one minified ES module for the whole project, plus its config.
 *
 *   cloudflare/worker/worker.js `export default { fetch }`, built for workerd (platforms.md §3.3), and
 *                               its .map. A folder of its own: with no_bundle, wrangler attaches every
 *                               .html/.txt file under the entry's folder to the Worker as a module.
 *   cloudflare/assets/          public and protected assets (protected ones only reachable through
 *                               the Worker, which checks the signature: `run_worker_first`)
 *   cloudflare/wrangler.json    deployable as is: `npx wrangler deploy -c <out>/cloudflare/wrangler.json`
 *   cloudflare/.dev.vars        secret values from .env, for local runs only
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectFile } from '../project/discover';
import { type BuildContext, runEsbuild, type TargetResult, variableNames } from './context';
import { twilioPlugin } from './dependencies';
import { workerEntry } from './entry';
import { baseOptions } from './esbuild-options';
import { copyAssets, rewriteSourceMap, shownPath, sizeOf } from './output-files';
import { virtualFilesPlugin } from './virtual-files';

export const WORKER_FILE = 'cloudflare/worker/worker.js';
export const WRANGLER_CONFIG = 'cloudflare/wrangler.json';
export const WORKER_ASSETS_DIR = 'cloudflare/assets';
export const COMPATIBILITY_DATE = '2026-04-01';
const MAX_RUN_WORKER_FIRST_RULES = 100;
/** Compressed Worker size limits: Free and Paid plans (older docs; check `wrangler deploy --dry-run`). */
export const WORKER_GZIP_LIMITS = { free: 3 * 2 ** 20, paid: 10 * 2 ** 20 };

export async function buildCloudflare(ctx: BuildContext): Promise<TargetResult> {
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
  if (size.gzipBytes > WORKER_GZIP_LIMITS.paid) {
    warnings.push({ target: 'cloudflare', message: `worker.js is ${mib(size.gzipBytes)} gzip, over the 10 MiB Workers Paid limit: move large private assets out of the bundle` });
  } else if (size.gzipBytes > WORKER_GZIP_LIMITS.free) {
    warnings.push({ target: 'cloudflare', message: `worker.js is ${mib(size.gzipBytes)} gzip, over the 3 MiB Workers Free limit (Paid allows 10 MiB)` });
  }
  const bundleOf = (file: ProjectFile) =>
    file.visibility === 'private' ? undefined : project.assets.includes(file) && file.visibility === 'public' ? `${WORKER_ASSETS_DIR}${file.route}` : WORKER_FILE;
  const config = shownPath(path.join(outDir, WRANGLER_CONFIG));
  const notes = ctx.secretNames.map((name) => `npx wrangler secret put ${name} -c ${config}`);
  return { bundles: new Map([['worker', { dir: WORKER_FILE, ...size }]]), bundleOf, warnings, metafile, notes };
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
    compatibility_flags: ['nodejs_compat'],
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

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
