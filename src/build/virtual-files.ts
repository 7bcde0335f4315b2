/**
 * esbuild plugin for what exists only inside a bundle: the generated entry modules, the `fs`
 * facade given to project code (src/bundle/fs-facade.ts), and warnings for imports a target
 * cannot run (native addons; Node modules workerd does not implement).
 */
import path from 'node:path';
import type { Plugin } from 'esbuild';
import type { Target } from './esbuild-options';

export const ENTRY_PREFIX = 'tfa-entry:';
const FS_FACADE = path.resolve(__dirname, '../bundle/fs-facade.ts');

/**
 * Node modules that exist under nodejs_compat only as stubs whose calls throw "not implemented"
 * (probed in workerd 2026-04-26, compatibility date 2026-04-01).
 */
export const WORKERS_UNSUPPORTED_MODULES = [
  'child_process', 'cluster', 'dgram', 'domain', 'http2', 'inspector', 'repl', 'trace_events', 'v8', 'vm', 'wasi', 'worker_threads',
];

export interface VirtualFilesOptions {
  target: Target;
  projectRoot: string;
  /** Generated entry sources, by the name used in `tfa-entry:<name>`. */
  entries: Map<string, string>;
}

export function virtualFilesPlugin({ target, projectRoot, entries }: VirtualFilesOptions): Plugin {
  const isProjectFile = (file: string) =>
    file.startsWith(projectRoot + path.sep) && !path.relative(projectRoot, file).split(path.sep).includes('node_modules');
  return {
    name: 'tfa-virtual-files',
    setup(build) {
      build.onResolve({ filter: /^tfa-entry:/ }, (args) => ({ path: args.path.slice(ENTRY_PREFIX.length), namespace: 'tfa-entry' }));
      build.onLoad({ filter: /.*/, namespace: 'tfa-entry' }, (args) => ({
        contents: entries.get(args.path),
        loader: 'js',
        resolveDir: projectRoot,
      }));

      // Only the project's own files see the facade; dependencies keep the platform's fs.
      build.onResolve({ filter: /^(node:)?fs(\/promises)?$/ }, (args) =>
        isProjectFile(args.importer) ? { path: args.path.replace(/^node:/, ''), namespace: 'tfa-fs' } : undefined);
      build.onLoad({ filter: /.*/, namespace: 'tfa-fs' }, (args) => ({
        // CommonJS, so `require('fs')`, `import fs from 'fs'` and `import { readFileSync }` all work.
        contents: `module.exports = require(${JSON.stringify(FS_FACADE)}).${args.path === 'fs' ? 'fs' : 'fsPromises'};`,
        loader: 'js',
        resolveDir: path.dirname(FS_FACADE),
      }));

      build.onResolve({ filter: /\.node$/ }, (args) => ({
        path: args.path,
        external: true,
        warnings: [{ text: `native addon ${args.path} cannot be bundled and will not load on ${target === 'aws' ? 'Lambda' : 'Workers'}: use a pure-JavaScript alternative${target === 'aws' ? ' or ship it in a Lambda layer built for Amazon Linux' : ''}` }],
      }));

      if (target === 'cloudflare') {
        const unsupported = new RegExp(`^(node:)?(${WORKERS_UNSUPPORTED_MODULES.join('|')})$`);
        build.onResolve({ filter: unsupported }, (args) => ({
          path: args.path,
          external: true,
          warnings: [{ text: `${args.path} is not implemented on Cloudflare Workers (nodejs_compat only stubs it; calls throw): avoid it in code the Worker runs` }],
        }));
      }
    },
  };
}
