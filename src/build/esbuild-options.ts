/**
 * esbuild settings per target. Lambda gets a CommonJS bundle, the Worker an ES module. In both,
 * the banner makes the module-scope `require` (used for Node built-ins and for requires esbuild
 * cannot resolve, such as `require(Runtime.getFunctions().auth.path)`) ask the bundle's virtual
 * modules first (src/bundle/virtual-files.ts), then the platform's own.
 */
import { builtinModules } from 'node:module';
import type { BuildOptions } from 'esbuild';
import { VIRTUAL_REQUIRE_HOOK } from '../bundle/virtual-files';

export type Target = 'aws' | 'cloudflare';

/** Where the virtual paths of `Runtime.getFunctions()/getAssets()` live on each platform. */
export const VIRTUAL_ROOT: Record<Target, string> = {
  // Lambda's code directory, where hosted Twilio keeps its files too.
  aws: '/var/task',
  // workerd's read-only bundle directory (node:fs shows the Worker's modules there).
  cloudflare: '/bundle',
};

export const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const VIRTUAL_FIRST = `(id) { const hook = globalThis[Symbol.for(${JSON.stringify(VIRTUAL_REQUIRE_HOOK.description)})]; const found = hook && hook(id); return found ? found.exports : __tfaPlatformRequire(id); }`;

/**
 * Lambda: CommonJS, because Node loads it with `require` and skips the ES module loader and the
 * module facades of every imported built-in (`node:fs` alone loads all of `node:stream`): the
 * hello bundle loads in 6–7 ms instead of 20–24 (docs/benchmarks.md). The module wrapper's own
 * `require` is wrapped in place.
 *
 * Worker: an ES module (workerd's format). `import.meta.url` is undefined in workerd and only
 * built-ins can be required, so `createRequire("/")` does; esbuild's `__require` shim picks up
 * the module-scope `require` declared here.
 */
export function banner(target: Target): string {
  if (target === 'aws') {
    return [
      'var __tfaPlatformRequire = require;',
      `require = function ${VIRTUAL_FIRST};`,
      'require.resolve = __tfaPlatformRequire.resolve; require.cache = __tfaPlatformRequire.cache;',
      // `import.meta` of ES module sources (see `define` below), as it was in the bundle's own module.
      'var __tfaImportMeta = { get url() { return __tfaPlatformRequire("node:url").pathToFileURL(__filename).href; }, dirname: __dirname, filename: __filename };',
    ].join('\n');
  }
  return [
    'import { createRequire as __tfaCreateRequire } from "node:module";',
    'const __tfaPlatformRequire = __tfaCreateRequire("/");',
    `function require${VIRTUAL_FIRST}`,
    'require.resolve = __tfaPlatformRequire.resolve; require.cache = __tfaPlatformRequire.cache;',
    // CommonJS code that reads __dirname must not throw in an ES module.
    'const __dirname = "/bundle"; const __filename = __dirname + "/index.js";',
  ].join('\n');
}

/** Options shared by both targets; the per-target builders add entry points and plugins. */
export function baseOptions(target: Target): BuildOptions {
  const common: BuildOptions = {
    bundle: true,
    format: 'esm',
    target: 'es2022',
    // Code can observe `fn.name` and `constructor.name`, so they stay as hosted Twilio has them:
    // identifiers are not minified (stack traces read as written too) and keepNames restores the
    // names esbuild changes when it bundles (`class X` that refers to itself becomes
    // `var X = class _X`). keepNames wraps named function expressions in `__name()`, a
    // defineProperty each time one is created, so hot paths here avoid named closures.
    // The Worker with twilio: 410 KiB gzip this way, 432 KiB with minified identifiers. A Lambda
    // bundle's runtime half, which no project code sees, is compiled apart without both
    // (lambda-runtime.ts): compiling the bundle is most of what a bundle adds to a cold start.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    // Stack traces map back to the project's files (adapters/aws-lambda/stack-traces.ts on Lambda).
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    banner: { js: banner(target) },
  };
  if (target === 'aws') {
    return {
      ...common,
      format: 'cjs',
      // CommonJS has no `import.meta`: ES module sources (an `.mjs` function, an ESM-only package)
      // get the bundle's own, defined in the banner, instead of an empty object.
      define: { 'import.meta': '__tfaImportMeta' },
      platform: 'node',
      target: 'node22',
      // The AWS SDK v3 comes with Lambda's Node.js runtime.
      external: [...NODE_BUILTINS, '@aws-sdk/*'],
    };
  }
  return {
    ...common,
    // As wrangler bundles for workerd: the browser builds of dependencies
    // (axios' fetch adapter instead of its http one), Node built-ins from nodejs_compat.
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    external: [...NODE_BUILTINS, 'cloudflare:*'],
  };
}
