/**
 * `tfa build`: discover → manifest → bundle per target → report.
 *
 * @example
 * const { manifest, report } = await buildProject({ project: '.', out: 'dist', targets: ['aws', 'cloudflare'] });
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { secretNames } from '../project/config';
import { discoverProject } from '../project/discover';
import { readEnvFile } from '../project/env';
import { dynamicRequireWarnings, nativeAddonWarnings } from './analyze';
import { buildAws } from './aws';
import { buildCloudflare } from './cloudflare';
import type { BuildContext, TargetResult } from './context';
import { BuildError, chooseTwilio } from './dependencies';
import type { Target } from './esbuild-options';
import { addTarget, createManifest, writeManifest } from './manifest';
import { MANIFEST_FILE } from './manifest-types';
import type { Manifest } from './manifest-types';
import { shownPath } from './output-files';
import { formatReport, seconds } from './report';

export interface BuildOptions {
  /** Project folder. */
  project: string;
  /** Output folder. */
  out: string;
  targets: Target[];
  /** Progress lines while the build runs. */
  progress?: (message: string) => void;
  /** Load the built Worker in workerd to measure its startup (default true; cloudflare target only). */
  startupCheck?: boolean;
}

export interface BuildResult {
  manifest: Manifest;
  manifestPath: string;
  report: string;
}

const OUT_MARKER = '.tfa-build';

const builders: Record<Target, (ctx: BuildContext, options: { startupCheck?: boolean }) => Promise<TargetResult>> = { aws: buildAws, cloudflare: buildCloudflare };

export async function buildProject(options: BuildOptions): Promise<BuildResult> {
  const started = Date.now();
  const progress = options.progress ?? (() => {});
  const outDir = path.resolve(options.out);

  // 1. Discover
  progress(`discovering ${path.resolve(options.project)}`);
  const project = discoverProject(options.project);
  const envValues = readEnvFile(project.root);
  const ctx: BuildContext = {
    project,
    outDir,
    envNames: Object.keys(envValues),
    envValues,
    secretNames: secretNames(project.config),
    twilio: chooseTwilio(project.root),
    progress,
  };
  progress(`found ${project.functions.length} functions and ${project.assets.length} assets; twilio ${ctx.twilio.version} from ${ctx.twilio.fromProject ? 'the project' : 'tfa'}`);

  // 2. Manifest (routes now, bundles as each target is built)
  const manifest = createManifest(project, ctx.envNames, ctx.secretNames);
  manifest.twilio = { version: ctx.twilio.version, fromProject: ctx.twilio.fromProject };
  manifest.warnings.push(...dynamicRequireWarnings(project));

  // 3. Bundle per target
  prepareOutDir(outDir, project.root, options.targets);
  const notes: string[] = [];
  for (const target of options.targets) {
    const started = Date.now();
    const result = await builders[target](ctx, { startupCheck: options.startupCheck });
    result.warnings.push(...nativeAddonWarnings(result.metafile, project.root).map((w) => ({ ...w, target })));
    addTarget(manifest, project, target, result);
    notes.push(...(result.notes ?? []));
    progress(`${target}: done in ${seconds(Date.now() - started)}`);
  }

  // 4. Report
  manifest.durationMs = Date.now() - started;
  const manifestPath = writeManifest(outDir, manifest);
  const secretsNote = notes.length > 0 ? ['Set the Worker secrets before deploying (local runs read cloudflare/.dev.vars):', ...notes.map((n) => `  ${n}`)] : [];
  return { manifest, manifestPath, report: formatReport(manifest, shownPath(outDir), secretsNote) };
}

/** Clears the folders of the targets being built, refusing to touch anything tfa did not write. */
function prepareOutDir(outDir: string, projectRoot: string, targets: Target[]): void {
  if (outDir === projectRoot || projectRoot.startsWith(outDir + path.sep)) {
    throw new BuildError(`--out ${outDir} would hold the project itself: choose a folder such as ${path.join(projectRoot, 'dist')}`);
  }
  const ours = existsSync(path.join(outDir, MANIFEST_FILE)) || existsSync(path.join(outDir, OUT_MARKER));
  for (const target of targets) {
    const dir = path.join(outDir, target);
    if (!existsSync(dir)) continue;
    if (!ours) throw new BuildError(`${dir} exists but was not written by tfa build (no ${MANIFEST_FILE} beside it): remove it or choose another --out`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
  // Marks the folder as tfa's even if this build fails before the manifest is written.
  writeFileSync(path.join(outDir, OUT_MARKER), 'Written by tfa build; aws/ and cloudflare/ here are replaced on each build.\n');
}
