/**
 * The build manifest (`<out>/manifest.json`, types in manifest-types.ts): created from the
 * discovered project before bundling, completed with each target's bundles and sizes after.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { functionRuntimeSettings } from '../project/config';
import type { Project, ProjectFile } from '../project/discover';
import { AWS_ASSETS_DIR, AWS_FUNCTIONS_DIR } from './aws';
import { WORKER_ASSETS_DIR, WORKER_FILE, WRANGLER_CONFIG } from './cloudflare';
import type { TargetResult } from './context';
import type { Target } from './esbuild-options';
import { type Manifest, MANIFEST_FILE, type ManifestRoute } from './manifest-types';
import { sizeOf } from './output-files';

export function createManifest(project: Project, envNames: string[], secretNames: string[]): Manifest {
  const settings = project.config.functions ?? {};
  const functions = project.functions.map((f): ManifestRoute => {
    const own = settings[f.route] ?? {};
    return {
      ...routeOf(f, 'function'),
      timeoutSeconds: own.timeoutSeconds ?? project.config.timeoutSeconds,
      methods: functionRuntimeSettings(project.config, f.route).methods,
      memoryMB: own.memoryMB,
    };
  });
  const assets = project.assets.map((a): ManifestRoute => ({ ...routeOf(a, 'asset'), ...sizeOf(a.file) }));
  return {
    version: 1,
    project: { name: project.name, root: project.root },
    builtAt: new Date().toISOString(),
    routes: [...functions, ...assets],
    env: { names: envNames, secrets: secretNames },
    targets: {},
    warnings: [],
  };
}

/** Records which artefact serves each route on a target, and the target's folders and sizes. */
export function addTarget(manifest: Manifest, project: Project, target: Target, result: TargetResult): void {
  const files = new Map([...project.functions, ...project.assets].map((f) => [f.route, f]));
  for (const route of manifest.routes) {
    const bundle = result.bundleOf(files.get(route.path)!);
    if (bundle) route.bundles = { ...route.bundles, [target]: bundle };
    if (target === 'aws' && route.kind === 'function') {
      const info = result.bundles.get(route.id);
      if (info) Object.assign(route, { bytes: info.bytes, gzipBytes: info.gzipBytes });
    }
  }
  if (target === 'aws') {
    manifest.targets.aws = { functionsDir: AWS_FUNCTIONS_DIR, assetsDir: AWS_ASSETS_DIR, nodeModulesBytes: result.shippedBytes };
  } else {
    const worker = result.bundles.get('worker')!;
    manifest.targets.cloudflare = {
      worker: WORKER_FILE,
      wranglerConfig: WRANGLER_CONFIG,
      assetsDir: WORKER_ASSETS_DIR,
      bytes: worker.bytes,
      gzipBytes: worker.gzipBytes,
      largestParts: result.worker?.largestParts,
      startupMs: result.worker?.startupMs,
    };
  }
  manifest.warnings.push(...result.warnings);
}

export function writeManifest(outDir: string, manifest: Manifest): string {
  const file = path.join(outDir, MANIFEST_FILE);
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return file;
}

function routeOf(file: ProjectFile, kind: ManifestRoute['kind']): ManifestRoute {
  return { path: file.route, kind, visibility: file.visibility, source: file.source, id: file.id };
}
