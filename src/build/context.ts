/** What the per-target builders share: their input, their result, and running esbuild. */
import { build, type BuildFailure, type BuildOptions, type Message, type Metafile } from 'esbuild';
import type { Project, ProjectFile } from '../project/discover';
import { BuildError, type TwilioSource } from './dependencies';
import type { Target } from './esbuild-options';
import { type BuildWarning, warningOf } from './output-files';
import type { BundlePart } from './worker-size';
import { formatWarning } from './report';

export interface BuildContext {
  project: Project;
  outDir: string;
  /** Names of the project's `.env` variables. */
  envNames: string[];
  /** Values of `.env`, for the Worker config (plain vars) and `.dev.vars` (secrets). */
  envValues: Record<string, string>;
  /** Names never written into plain configuration. */
  secretNames: string[];
  twilio: TwilioSource;
  progress(message: string): void;
}

/** Variables a bundle passes from the platform environment to functions: `.env` names and secrets. */
export function variableNames(ctx: BuildContext): string[] {
  return [...new Set([...ctx.envNames, ...ctx.secretNames])];
}

export interface BundleInfo {
  /** Folder or file, relative to the out dir. */
  dir: string;
  /** Size of the bundle file itself. */
  bytes: number;
  gzipBytes: number;
  /** Everything the deployment uploads for it (Lambda: the folder, with node_modules). */
  totalBytes?: number;
}

export interface TargetResult {
  /** By bundle id: a function id, `_assets`, or `worker`. */
  bundles: Map<string, BundleInfo>;
  /** The artefact that serves a route on this target (manifest `bundles.<target>`), if any. */
  bundleOf(file: ProjectFile): string | undefined;
  warnings: BuildWarning[];
  metafile: Metafile;
  /** Lines the user should read after the build (e.g. commands to run). */
  notes?: string[];
  /** AWS: bytes each function folder ships unbundled in node_modules. */
  shippedBytes?: number;
  /** Cloudflare: what the build learns about the Worker against Cloudflare's limits. */
  worker?: WorkerFigures;
}

export interface WorkerFigures {
  largestParts: BundlePart[];
  startupMs?: number;
}

/** Runs esbuild; its errors become one BuildError that says where and what to change. */
export async function runEsbuild(ctx: BuildContext, target: Target, options: BuildOptions): Promise<{ warnings: BuildWarning[]; metafile: Metafile }> {
  try {
    const result = await build({ ...options, absWorkingDir: ctx.project.root });
    return { warnings: result.warnings.map((m) => warningOf(m, ctx.project.root, target)), metafile: result.metafile! };
  } catch (error) {
    const errors = (error as BuildFailure).errors;
    if (!errors?.length) throw error;
    throw new BuildError(`${target} bundle failed:\n${errors.map((m) => `  ${describe(m, ctx.project.root)}`).join('\n')}`);
  }
}

function describe(message: Message, root: string): string {
  return formatWarning(warningOf(message, root, undefined)) + hintFor(message.text);
}

function hintFor(text: string): string {
  const missing = /^Could not resolve "([^"]+)"/.exec(text);
  if (missing) {
    return missing[1].startsWith('.') ? ' (check the path of this import)' : ` (install it in the project: npm install ${packageName(missing[1])})`;
  }
  // Lambda bundles are CommonJS (src/build/esbuild-options.ts), as hosted Twilio's functions are.
  if (text.startsWith('Top-level await')) return ' (Lambda bundles are CommonJS: move the await into the handler or an async function it calls)';
  return '';
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
