/**
 * Explains why the built Worker failed to start in workerd, in the report's terms: for a missing
 * module who imports it (from the esbuild metafile), otherwise where the error was thrown,
 * mapped through worker.js.map; and what to change.
 */
import { SourceMap } from 'node:module';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { partOf, type PartRoots } from './worker-size';
import { MODULE_NAME } from './worker-startup';

/** Where a failed start points to, and what to change: one line each. */
export interface StartupFailure {
  /** `Error: No such module "cloudflare:kv" (imported by functions/a.js)` */
  problem: string;
  fix: string;
}

/**
 * Turns workerd's message into a problem line and a fix: for a missing module, who imports it
 * (from the metafile); otherwise where the error was thrown, mapped through worker.js.map.
 */
export function explainStartupFailure(error: string, context: { metafile?: Metafile; sourceMap?: unknown; roots: PartRoots }): StartupFailure {
  const lines = error.split('\n').map((line) => line.trim()).filter(Boolean);
  const message = (lines.find((line) => /^Uncaught\b/.test(line)) ?? lines.find((line) => !/^(Error: )?Failed to start Worker:?$/.test(line)) ?? error)
    .replace(/^Uncaught\s+/, '').replace(/\.$/, '');

  const missing = /No such module "([^"]+)"/.exec(message);
  if (missing) {
    const importers = context.metafile ? importersOf(missing[1], context.metafile, context.roots) : [];
    return {
      problem: `${message}${importers.length ? ` (imported by ${importers.join(', ')})` : ''}`,
      fix: `correct or remove that import: Workers have no module "${missing[1]}" (imports of modules outside the bundle are linked when the Worker starts, even in functions that are evaluated on their first request)`,
    };
  }
  if (/did not finish starting/.test(message)) {
    return { problem: message, fix: 'code at module top level runs too long (an endless loop or heavy work while loading): move that work into a request handler' };
  }
  if (/no default export with a fetch\(\) handler/.test(message)) {
    return { problem: message, fix: 'the entry tfa generates should export { fetch }: report this as a tfa bug' };
  }
  const where = context.sourceMap ? originalLocation(error, context.sourceMap) : undefined;
  return {
    problem: `${message}${where ? ` (at ${where})` : ''}`,
    fix: 'code that runs when the Worker module loads throws: fix it or move that work into a request handler (function files are evaluated on their first request and cannot cause this)',
  };
}

/** Inputs of the bundle that import `specifier` as an external module, as report names. */
function importersOf(specifier: string, metafile: Metafile, roots: PartRoots): string[] {
  const bare = specifier.replace(/^node:/, '');
  const names = new Set<string>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (imports.some((i) => i.external && (i.path === specifier || i.path.replace(/^node:/, '') === bare))) names.add(partOf(input, roots).name);
  }
  return [...names];
}

/** The first `worker.js:line:col` of a stack, mapped to the original file and line. */
function originalLocation(stack: string, sourceMap: unknown): string | undefined {
  const frame = new RegExp(`${MODULE_NAME.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
  if (!frame) return undefined;
  try {
    const entry = new SourceMap(sourceMap as ConstructorParameters<typeof SourceMap>[0]).findEntry(Number(frame[1]) - 1, Number(frame[2]) - 1);
    if (!('originalSource' in entry)) return undefined;
    const source = entry.originalSource.replace(/\\/g, '/');
    const modules = source.lastIndexOf('node_modules/');
    const shown = modules === -1 ? source.replace(/^(\.\.\/)+/, '') : source.slice(modules);
    return `${path.posix.normalize(shown)}:${entry.originalLine + 1}`;
  } catch {
    return undefined;
  }
}
