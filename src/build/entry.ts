/**
 * Generates the entry module of each bundle: the project as a `BundledProject` literal
 * (src/bundle/project.ts) handed to the platform adapter. Function modules appear as
 * `lazyModule(() => require("<absolute file>"))`: esbuild bundles each file, and the module is
 * evaluated on the first request that needs it. Private assets are embedded as text or base64
 * under virtual paths that mirror the source layout (`/var/task/assets/data.private.json`).
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { functionRuntimeSettings } from '../project/config';
import { FUNCTION_EXTENSIONS, type Project, type ProjectFile } from '../project/discover';
import { TOOL_ROOT } from './dependencies';
import { VIRTUAL_ROOT, type Target } from './esbuild-options';
import { LAMBDA_RUNTIME_MODULE } from './lambda-runtime';

const WORKER_ADAPTER = path.join(TOOL_ROOT, 'adapters/cloudflare/worker.ts');
const BUNDLE_SUPPORT = path.join(TOOL_ROOT, 'src/bundle/project.ts');

export function virtualPath(target: Target, file: ProjectFile): string {
  return `${VIRTUAL_ROOT[target]}/${file.source}`;
}

/** The Worker: every function evaluable, every asset listed (public/protected ones read via ASSETS). */
export function workerEntry(project: Project, envNames: string[]): string {
  const literal = projectLiteral(project, 'cloudflare', envNames, embeddedFiles(project, 'cloudflare'), () => true, true);
  return [
    `import { createWorker } from ${JSON.stringify(WORKER_ADAPTER)};`,
    `import { lazyModule } from ${JSON.stringify(BUNDLE_SUPPORT)};`,
    `export default createWorker(${literal});`,
  ].join('\n');
}

/**
 * The entries of the Lambdas, as `entryFor(served)`: the function it serves plus the private ones.
 * Without a function it is the assets Lambda, which serves public and protected assets from files
 * shipped beside it. Private assets are read and encoded once for all of them.
 */
export function lambdaEntries(project: Project, envNames: string[]): (served?: ProjectFile) => string {
  const files = embeddedFiles(project, 'aws');
  return (served) => {
    const evaluable = (f: ProjectFile) => f === served || f.visibility === 'private';
    const literal = projectLiteral(project, 'aws', envNames, files, evaluable, served === undefined);
    // CommonJS, as the bundle is: no ES module interop helpers run at load.
    return [
      `const { lambdaHandlerFor, lazyModule } = require(${JSON.stringify(LAMBDA_RUNTIME_MODULE)});`,
      `exports.handler = lambdaHandlerFor(${literal}, __filename);`,
    ].join('\n');
  };
}

/** The private assets as `"<virtual path>": <embedded file>` lines of the `files` literal. */
function embeddedFiles(project: Project, target: Target): string[] {
  return project.assets.filter((a) => a.visibility === 'private').map((a) => `${str(virtualPath(target, a))}: ${embed(a.file)}`);
}

function projectLiteral(
  project: Project,
  target: Target,
  envNames: string[],
  files: string[],
  evaluable: (f: ProjectFile) => boolean,
  servesAssets: boolean,
): string {
  const modules: string[] = [];
  const lazy = (file: ProjectFile) => `lazyModule(() => require(${JSON.stringify(file.file)}))`;

  const functions = project.functions.map((f) => {
    const fields = [`route: ${str(f.route)}`, `visibility: ${str(f.visibility)}`, `path: ${str(virtualPath(target, f))}`];
    if (evaluable(f)) {
      modules.push(`${str(virtualPath(target, f))}: ${lazy(f)}`);
      fields.push(`load: modules[${str(virtualPath(target, f))}]`);
    }
    const { timeoutMs, methods } = functionRuntimeSettings(project.config, f.route);
    if (timeoutMs !== undefined) fields.push(`timeoutMs: ${timeoutMs}`);
    if (methods) fields.push(`methods: ${JSON.stringify(methods)}`);
    return `{ ${fields.join(', ')} }`;
  });

  const privateAssets = project.assets.filter((a) => a.visibility === 'private');
  const listedAssets = servesAssets ? project.assets : privateAssets;
  const assets = listedAssets.map((a) => `{ route: ${str(a.route)}, visibility: ${str(a.visibility)}, path: ${str(virtualPath(target, a))} }`);
  for (const asset of privateAssets.filter((a) => FUNCTION_EXTENSIONS.includes(path.extname(a.file)))) {
    modules.push(`${str(virtualPath(target, asset))}: ${lazy(asset)}`);
  }

  const config = {
    timeoutSeconds: project.config.timeoutSeconds,
    maxBodyBytes: project.config.maxBodyBytes,
    publicBaseUrl: project.config.publicBaseUrl,
    trustProxy: project.config.trustProxy,
  };
  // `modules` is declared first so function entries can share its lazy loaders.
  return `(() => { const modules = {\n${modules.join(',\n')}\n}; return {
  name: ${str(project.name)},
  functions: [\n${functions.join(',\n')}\n],
  assets: [\n${assets.join(',\n')}\n],
  modules,
  files: {\n${files.join(',\n')}\n},
  envNames: ${JSON.stringify(envNames)},
  config: ${JSON.stringify(config)},
}; })()`;
}

/** Text stays text (smaller, readable in the bundle); anything else is base64. */
function embed(file: string): string {
  const bytes = readFileSync(file);
  return isUtf8(bytes) ? `{ text: ${str(bytes.toString('utf8'))} }` : `{ base64: ${str(bytes.toString('base64'))} }`;
}

const str = (value: string) => JSON.stringify(value);
