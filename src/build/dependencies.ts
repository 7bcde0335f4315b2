/**
 * Where `twilio` comes from and how it reaches each target.
 *
 * - The project's own `twilio` when its package.json lists one, else this tool's.
 * - Workers: bundled whole (browser build of axios; startup measured well under the 1 s limit).
 * - Lambda: twilio stays a plain `node_modules/twilio` beside the bundle and is required piece by
 *   piece on first use. twilio loads each REST domain lazily, which bundling would defeat (a
 *   bundled client parses all ~8 MB on the first `getTwilioClient()`); and even bundled TwiML
 *   code made every function's cold start ~25 ms slower, used or not (measured with npm run bench).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import type { Target } from './esbuild-options';

export const TOOL_ROOT = path.resolve(__dirname, '../..');

export class BuildError extends Error {}

export interface TwilioSource {
  dir: string;
  version: string;
  fromProject: boolean;
}

export function chooseTwilio(projectRoot: string): TwilioSource {
  const listed = readJson(path.join(projectRoot, 'package.json'))?.dependencies?.twilio;
  if (listed) {
    const dir = findPackageDir('twilio', projectRoot);
    if (!dir) throw new BuildError(`package.json lists twilio ${listed} but it is not installed: run "npm install" in ${projectRoot}`);
    return { dir, version: readJson(path.join(dir, 'package.json')).version, fromProject: true };
  }
  const dir = findPackageDir('twilio', TOOL_ROOT);
  if (!dir) throw new BuildError(`twilio is missing from ${TOOL_ROOT}/node_modules: reinstall twilio-functions-adapter`);
  return { dir, version: readJson(path.join(dir, 'package.json')).version, fromProject: false };
}

/** Node's lookup: `<dir>/node_modules/<name>` in `from` and each parent folder. */
export function findPackageDir(name: string, from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Sends every `twilio` import (the project's, this tool's, a dependency's) to the chosen copy. */
export function twilioPlugin(target: Target, twilio: TwilioSource): Plugin {
  return {
    name: 'tfa-twilio',
    setup(build) {
      build.onResolve({ filter: /^twilio(\/|$)/ }, (args) => {
        const subpath = args.path.slice('twilio/'.length);
        if (target === 'aws') return { path: args.path, external: true };
        const file = resolveFile(twilio.dir, subpath || readJson(path.join(twilio.dir, 'package.json')).main || 'index.js');
        return file ? { path: file } : { path: args.path, namespace: 'tfa-twilio-missing' };
      });
      // Older twilio versions lack some files the runtime can use (e.g. credential providers):
      // fail when used, not at build time.
      build.onLoad({ filter: /.*/, namespace: 'tfa-twilio-missing' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path} does not exist in twilio ${twilio.version}`)});`,
        loader: 'js',
      }));
    },
  };
}

function resolveFile(dir: string, subpath: string): string | undefined {
  const base = path.join(dir, subpath);
  return [base, `${base}.js`, path.join(base, 'index.js')].find((file) => existsSync(file) && statSync(file).isFile());
}

/** One package and everything it depends on at run time, as installed. */
export function packageClosure(root: string): string[] {
  const found = new Set<string>();
  const queue = [root];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    if (found.has(dir)) continue;
    found.add(dir);
    const pkg = readJson(path.join(dir, 'package.json')) ?? {};
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const depDir = findPackageDir(name, dir);
      if (depDir) queue.push(depDir);
      else if (!pkg.optionalDependencies?.[name]) throw new BuildError(`${name} (needed by ${pkg.name}) is not installed: run "npm install"`);
    }
  }
  return [...found];
}

export function readJson(file: string): any {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}
