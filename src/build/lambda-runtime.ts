/**
 * The runtime half of every Lambda bundle. The adapter, the core and the bundle support are
 * compiled once per build into one minified script that defines `__tfaRuntime`. Each bundle
 * opens with it, and the bundle's own code (the generated entry, the project's modules) follows in
 * the same file and reaches it as the module `tfa:lambda-runtime`.
 *
 * Why apart: a cold start pays V8's parser for every byte of the bundle, and only project code
 * needs the settings that keep names as written (keepNames, identifiers not minified; code can
 * observe `fn.name`). Without them the hello bundle shrinks from 58 to 38 KB and its whole cold
 * start runs 1.6 % fewer instructions (docs/benchmarks.md, P1a). One file rather than a module
 * of its own: loading a second file costs a third of that. The runtime names code can observe
 * are set explicitly (`Twilio.Response`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decode, encode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';
import { build, type Plugin } from 'esbuild';
import { TOOL_ROOT, twilioPlugin, type TwilioSource } from './dependencies';
import { baseOptions } from './esbuild-options';

export const LAMBDA_RUNTIME_MODULE = 'tfa:lambda-runtime';
/** Declared by the runtime script, assigned by runtime-exports.ts; local to each bundle's module. */
const RUNTIME_VARIABLE = '__tfaRuntime';
const RUNTIME_EXPORTS = path.join(TOOL_ROOT, 'adapters/aws-lambda/runtime-exports.ts');
const FS_FACADE = path.join(TOOL_ROOT, 'src/bundle/fs-facade.ts');

interface SourceMapV3 {
  version: 3;
  sources: string[];
  names: string[];
  mappings: string;
  [field: string]: unknown;
}

export interface LambdaRuntime {
  /** The script, ending with a line break. */
  code: string;
  /** Its source map, with absolute source paths. */
  map: SourceMapV3;
}

export async function buildLambdaRuntime(twilio: TwilioSource): Promise<LambdaRuntime> {
  // Not written; it only anchors the map's relative source paths.
  const outfile = path.join(TOOL_ROOT, 'lambda-runtime.js');
  const { outputFiles } = await build({
    ...baseOptions('aws'),
    entryPoints: [RUNTIME_EXPORTS],
    outfile,
    write: false,
    format: 'iife',
    keepNames: false,
    minifyIdentifiers: true,
    // As function expressions: V8 parses an arrow function in full every time the function around
    // it is compiled, where a function expression is only preparsed. (The runtime's arrows use
    // neither `this` nor `arguments`, so the change is syntax only.)
    supported: { arrow: false },
    sourcemap: 'external',
    metafile: false,
    // The bundle's banner, which hooks `require`, comes before this script in the same file. The
    // script declares the runtime's variable, which runtime-exports.ts assigns a plain object:
    // ES exports would run export getters and interop helpers at every cold start (0.55M
    // instructions of 158.5M).
    banner: { js: `var ${RUNTIME_VARIABLE};` },
    plugins: [twilioPlugin('aws', twilio)],
  });
  const code = outputFiles.find((f) => f.path === outfile)!.text;
  const map = JSON.parse(outputFiles.find((f) => f.path === `${outfile}.map`)!.text) as SourceMapV3;
  map.sources = map.sources.map((source) => path.resolve(path.dirname(outfile), source));
  return { code, map };
}

/**
 * Resolves `tfa:lambda-runtime` to the runtime script's exports. The `fs` facade gets the same, so
 * it reads the files the runtime registered rather than a second, empty registry.
 */
export function lambdaRuntimePlugin(): Plugin {
  const runtime = { path: 'exports', namespace: 'tfa-lambda-runtime' };
  return {
    name: 'tfa-lambda-runtime',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${LAMBDA_RUNTIME_MODULE}$`) }, () => runtime);
      build.onResolve({ filter: /^\.\/virtual-files$/ }, (args) => (args.importer === FS_FACADE ? runtime : undefined));
      build.onLoad({ filter: /.*/, namespace: runtime.namespace }, () => ({ contents: `module.exports = ${RUNTIME_VARIABLE};`, loader: 'js' }));
    },
  };
}

/**
 * Makes a bundle's source map cover the runtime script too, by merging the runtime's map into the
 * lines the bundle's own map leaves unmapped (its banner). One flat map rather than an index map
 * with sections: Node 20's --enable-source-maps ignores index maps.
 */
export function addRuntimeSourceMap(bundleFile: string, runtime: LambdaRuntime): void {
  const code = readFileSync(bundleFile, 'utf8');
  const at = code.indexOf(runtime.code);
  if (at < 0) throw new Error(`${bundleFile} does not contain the Lambda runtime script`);
  const start = lineBreaks(code.slice(0, at));
  const mapFile = `${bundleFile}.map`;
  const own = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapV3;
  const ownLines = decode(own.mappings);
  const runtimeLines = decode(runtime.map.mappings);
  const sourceShift = runtime.map.sources.length;
  const nameShift = runtime.map.names.length;
  const lines = ownLines.map((segments, line): SourceMapSegment[] => {
    const runtimeLine = runtimeLines[line - start];
    if (runtimeLine) {
      if (segments.length > 0) throw new Error(`${mapFile} maps line ${line + 1}, which the runtime script fills`);
      return runtimeLine;
    }
    return segments.map((s) => (s.length === 1 ? s : s.length === 4 ? [s[0], s[1] + sourceShift, s[2], s[3]] : [s[0], s[1] + sourceShift, s[2], s[3], s[4] + nameShift]));
  });
  const merged = { ...own, sources: [...runtime.map.sources, ...own.sources], names: [...runtime.map.names, ...own.names], mappings: encode(lines) };
  writeFileSync(mapFile, JSON.stringify(merged));
}

const lineBreaks = (text: string) => text.split('\n').length - 1;
