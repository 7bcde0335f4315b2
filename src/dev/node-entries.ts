/**
 * Turns a discovered project into runtime entries backed by the file system and Node's module
 * loader: the local dev server's platform layer.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { functionRuntimeSettings } from '../project/config';
import type { Project } from '../project/discover';
import type { AssetEntry, FunctionEntry, HandlerModule } from '../runtime/types';

export function nodeEntries(project: Project, generation = 0): { functions: FunctionEntry[]; assets: AssetEntry[] } {
  const functions = project.functions.map((f): FunctionEntry => ({
    route: f.route,
    visibility: f.visibility,
    path: f.file,
    load: loadOnce(f.file, generation),
    ...functionRuntimeSettings(project.config, f.route),
  }));
  const assets = project.assets.map((a): AssetEntry => ({
    route: a.route,
    visibility: a.visibility,
    path: a.file,
    read: () => readFile(a.file),
    open: () => readFileSync(a.file, 'utf8'),
  }));
  return { functions, assets };
}

/**
 * The module of one function, loaded on first use and kept until the next reload builds new
 * entries, instead of a `require` per request through the module resolver (with the TypeScript
 * loader's hooks: file and package.json lookups). A failed load is retried by the next request.
 */
function loadOnce(file: string, generation: number): () => Promise<HandlerModule> {
  let loaded: Promise<HandlerModule> | undefined;
  return () => {
    if (!loaded) {
      loaded = loadModule(file, generation);
      loaded.catch(() => { loaded = undefined; });
    }
    return loaded;
  };
}

/** `require` for CommonJS (and TypeScript, through the CLI's loader hook); `import()` for ESM. */
async function loadModule(file: string, generation: number): Promise<HandlerModule> {
  if (!file.endsWith('.mjs')) {
    try {
      return require(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
    }
  }
  // A query per generation makes Node evaluate the changed file again.
  return import(`${pathToFileURL(file).href}?v=${generation}`);
}

/** Forgets every module loaded from the project so the next request sees edited files. */
export function forgetProjectModules(root: string): void {
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(root) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[key];
  }
}
