/**
 * AWS Lambda bundles, one folder per function (the CDK handler is `index.handler`):
 *
 *   aws/functions/<id>/index.js        CommonJS (package.json "type": "commonjs"), exports `handler`
 *   aws/functions/<id>/index.js.map    source map, sources named like the project's files
 *   aws/functions/<id>/node_modules -> ../../node_modules   (symlink, followed by the CDK asset copy)
 *   aws/node_modules/                  twilio and its dependencies, unbundled, once
 *   aws/functions/_assets/             one Lambda serving public and protected assets (files in ./assets)
 *   aws/assets/<URL path>              public and protected assets, for S3/CloudFront
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectFile } from '../project/discover';
import { type BuildContext, type BundleInfo, runEsbuild, type TargetResult, variableNames } from './context';
import { twilioPlugin } from './dependencies';
import { lambdaEntries } from './entry';
import { banner, baseOptions } from './esbuild-options';
import { addRuntimeSourceMap, buildLambdaRuntime, lambdaRuntimePlugin } from './lambda-runtime';
import { filesToShip, installNodeModules, linkNodeModules } from './node-modules';
import { copyAssets, folderBytes, rewriteSourceMap, sizeOf } from './output-files';
import { virtualFilesPlugin } from './virtual-files';

export const AWS_FUNCTIONS_DIR = 'aws/functions';
export const AWS_ASSETS_DIR = 'aws/assets';
export const ASSETS_LAMBDA_ID = '_assets';
/** Lambda's limit on the unzipped deployment package. */
export const LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024;

export async function buildAws(ctx: BuildContext): Promise<TargetResult> {
  const { project, outDir } = ctx;
  const served = project.functions.filter((f) => f.visibility !== 'private');
  const servedAssets = project.assets.filter((a) => a.visibility !== 'private');
  const entryFor = lambdaEntries(project, variableNames(ctx));
  const entries = new Map<string, string>();
  for (const fn of served) entries.set(fn.id, entryFor(fn));
  if (servedAssets.length > 0) entries.set(ASSETS_LAMBDA_ID, entryFor());

  ctx.progress(`aws: bundling ${served.length} function${served.length === 1 ? '' : 's'}${servedAssets.length ? ' and the assets Lambda' : ''}`);
  const functionsDir = path.join(outDir, AWS_FUNCTIONS_DIR);
  const runtime = await buildLambdaRuntime(ctx.twilio);
  const { warnings, metafile } = await runEsbuild(ctx, 'aws', {
    ...baseOptions('aws'),
    banner: { js: `${banner('aws')}\n${runtime.code}` },
    entryPoints: Object.fromEntries([...entries.keys()].map((id) => [`${id}/index`, `tfa-entry:${id}`])),
    outdir: functionsDir,
    plugins: [lambdaRuntimePlugin(), virtualFilesPlugin({ target: 'aws', projectRoot: project.root, entries }), twilioPlugin('aws', ctx.twilio)],
  });

  ctx.progress(`aws: adding twilio ${ctx.twilio.version} (unbundled) beside the bundles`);
  const shipped = filesToShip(ctx.twilio.dir);
  const shippedBytes = shipped.reduce((sum, file) => sum + file.bytes, 0);
  const sharedDir = path.join(outDir, 'aws');
  installNodeModules(shipped, sharedDir);
  const bundles = new Map<string, BundleInfo>();
  for (const id of entries.keys()) {
    const dir = path.join(functionsDir, id);
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "commonjs" }\n');
    addRuntimeSourceMap(path.join(dir, 'index.js'), runtime);
    rewriteSourceMap(path.join(dir, 'index.js.map'), project.root);
    if (id === ASSETS_LAMBDA_ID) {
      copyAssets(servedAssets, path.join(dir, 'assets'));
    } else {
      linkNodeModules(dir, sharedDir);
    }
    const totalBytes = folderBytes(dir) + (id === ASSETS_LAMBDA_ID ? 0 : shippedBytes);
    if (totalBytes > LAMBDA_UNZIPPED_LIMIT) {
      warnings.push({ target: 'aws', message: `${AWS_FUNCTIONS_DIR}/${id} is ${(totalBytes / 2 ** 20).toFixed(1)} MB unzipped, over Lambda's 250 MB limit: move large private assets out of the project or split the function` });
    }
    bundles.set(id, { dir: `${AWS_FUNCTIONS_DIR}/${id}`, ...sizeOf(path.join(dir, 'index.js')), totalBytes });
  }
  mkdirSync(path.join(outDir, AWS_ASSETS_DIR), { recursive: true });
  copyAssets(servedAssets, path.join(outDir, AWS_ASSETS_DIR));

  const bundleOf = (route: ProjectFile) =>
    route.visibility === 'private' ? undefined : project.functions.includes(route) ? `${AWS_FUNCTIONS_DIR}/${route.id}` : `${AWS_FUNCTIONS_DIR}/${ASSETS_LAMBDA_ID}`;
  return { bundles, bundleOf, warnings, metafile, shippedBytes };
}
