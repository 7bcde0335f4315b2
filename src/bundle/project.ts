/**
 * What a generated bundle entry hands to its platform adapter (Lambda or Worker): the project as
 * plain data plus lazily evaluated modules. `src/build/entry.ts` writes it; this file turns it
 * into the runtime core's entries. Runs inside bundles, so it must not touch the file system.
 */
// The dev server's rules, so a bundle reads timeouts, PUBLIC_BASE_URL and TFA_DEBUG the same way.
import { CONTROL_VARIABLES, runtimeConfig, type RuntimeSettings } from '../project/runtime-config';
import type { AssetEntry, FunctionEntry, HandlerModule, RuntimeOptions, Visibility } from '../runtime/types';
import { registerBundledFiles, registerBundledModules, type EmbeddedFile, embeddedBytes, embeddedText } from './virtual-files';

export interface BundledFunction {
  route: string;
  visibility: Visibility;
  /** `Runtime.getFunctions()[key].path`: a virtual path that mirrors the source layout. */
  path: string;
  /** Evaluates the module on first call. Absent when another bundle serves the function (AWS). */
  load?: () => HandlerModule;
  timeoutMs?: number;
  methods?: string[];
}

export interface BundledAsset {
  route: string;
  visibility: Visibility;
  /** Private assets: the virtual path of the embedded file (`Runtime.getAssets()[key].path`). */
  path: string;
}

/** Settings of `tfa.config.json` that matter at run time. */
export type BundledConfig = RuntimeSettings;

export interface BundledProject {
  name: string;
  functions: BundledFunction[];
  assets: BundledAsset[];
  /** What `require(virtualPath)` returns: the functions this bundle can run (on Lambda its own
   * and the private ones, on the Worker all) and the private `.js` assets. */
  modules: Record<string, () => unknown>;
  /** Private assets, by virtual path: `fs.readFileSync(path)` and `.open()` read these. */
  files: Record<string, EmbeddedFile>;
  /** Names of the project's `.env` variables: on Lambda only these (and control variables) reach `context`. */
  envNames: string[];
  config: BundledConfig;
}

export interface PlatformHooks {
  env: Record<string, string | undefined>;
  /** Bytes of a public or protected asset, which platforms ship as files rather than embed. */
  readServedAsset: (route: string) => Promise<Uint8Array>;
  log?: RuntimeOptions['log'];
}

/**
 * Wraps `() => require(file)` so a module that throws while loading throws the same error on
 * every request (esbuild's CommonJS wrapper would hand out a half-initialised module the 2nd time).
 */
export function lazyModule<T>(load: () => T): () => T {
  let outcome: { value: T } | { error: unknown } | undefined;
  return () => {
    if (!outcome) {
      try {
        outcome = { value: load() };
      } catch (error) {
        outcome = { error };
      }
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

/** Registers the virtual modules and files, then describes the project to the runtime core. */
export function bundledRuntimeOptions(project: BundledProject, hooks: PlatformHooks): RuntimeOptions {
  registerBundledModules(project.modules);
  registerBundledFiles(project.files);
  const functions = project.functions.map((f): FunctionEntry => ({
    route: f.route,
    visibility: f.visibility,
    path: f.path,
    timeoutMs: f.timeoutMs,
    methods: f.methods,
    load: f.load ?? (() => {
      throw new Error(`Function ${f.route} is not part of this bundle (each Lambda holds one function and the private ones)`);
    }),
  }));
  const assets = project.assets.map((a): AssetEntry => a.visibility === 'private'
    ? { route: a.route, visibility: a.visibility, path: a.path, read: () => embeddedBytes(a.path)!, open: () => embeddedText(a.path)! }
    : { route: a.route, visibility: a.visibility, path: a.path, read: () => hooks.readServedAsset(a.route) });
  return { functions, assets, env: hooks.env, config: runtimeConfig(project.config, hooks.env), log: hooks.log };
}

/** The project's variables (and control variables) out of a larger environment such as Lambda's. */
export function projectVariables(source: Record<string, string | undefined>, names: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...names, ...CONTROL_VARIABLES]) {
    const value = source[name];
    if (typeof value === 'string') env[name] = value;
  }
  return env;
}
