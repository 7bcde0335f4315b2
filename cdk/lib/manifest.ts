/**
 * Reading the build manifest and deciding, per route, what serves it on AWS.
 * Pure functions (no constructs), so the plan can be unit-tested on its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Manifest, ManifestRoute } from '../../src/build/manifest-types';
import { MANIFEST_FILE } from '../../src/build/manifest-types';
import { pascalCase, TfaDeployError } from './config';

export type { Manifest, ManifestRoute };

export function missingManifestMessage(manifestPath: string): string {
  return `No build manifest at ${manifestPath}: run "npm run build" (or "tfa build --target aws") first.`;
}

/**
 * `-c manifest=…` (or another explicit value), else `TFA_MANIFEST`, else `dist/manifest.json`;
 * relative to `cwd`. `tfa init` writes `manifest` into cdk.json's context, which counts as explicit.
 */
export function resolveManifestPath(explicit: unknown, cwd = process.cwd()): string {
  const chosen = (typeof explicit === 'string' && explicit) || process.env.TFA_MANIFEST || path.join('dist', MANIFEST_FILE);
  return path.resolve(cwd, chosen);
}

export function readManifest(manifestPath: string): Manifest {
  if (!fs.existsSync(manifestPath)) throw new TfaDeployError(missingManifestMessage(manifestPath));
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (err) {
    throw new TfaDeployError(`Invalid JSON in build manifest ${manifestPath}: ${(err as Error).message}`);
  }
  if (manifest?.version !== 1) {
    throw new TfaDeployError(
      `Unsupported build manifest version ${JSON.stringify(manifest?.version)} in ${manifestPath} (expected 1): rebuild with this version of tfa.`,
    );
  }
  return manifest;
}

/** One Lambda function to create, and the routes it answers. */
export interface LambdaPlan {
  /** Stable construct/logical ID (`FnSmsReply`, `AssetsAwsFunctionsAssets`). */
  logicalId: string;
  /** PascalCase of the route id (functions) or of the bundle folder (asset servers). */
  pascal: string;
  kind: 'function' | 'assets';
  /** Absolute folder with `index.js`. */
  codeDir: string;
  routes: ManifestRoute[];
  /** Twilio execution limit; the Lambda timeout adds a margin. */
  timeoutSeconds: number;
  memoryMB: number;
}

export interface DeploymentPlan {
  lambdas: LambdaPlan[];
  /** Public assets served by CloudFront from S3 (empty without CloudFront). */
  s3Assets: ManifestRoute[];
  /** Every route path that must NOT reach the S3 origin. */
  nonS3Paths: string[];
  /** What answers `/` (B-6: `/assets/index.html` when nothing has path `/`). */
  rootFallback?: { s3Key: string } | { lambda: LambdaPlan };
  warnings: string[];
}

export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_MEMORY_MB = 256;
/** HTTP API integrations stop at 30 s; keep the Lambda below that. */
export const MAX_LAMBDA_TIMEOUT_SECONDS = 29;
export const TIMEOUT_MARGIN_SECONDS = 2;

export function lambdaTimeoutSeconds(twilioTimeoutSeconds: number): number {
  return Math.min(Math.ceil(twilioTimeoutSeconds) + TIMEOUT_MARGIN_SECONDS, MAX_LAMBDA_TIMEOUT_SECONDS);
}

export function planDeployment(manifest: Manifest, outDir: string, cloudFront: boolean): DeploymentPlan {
  const aws = manifest.targets?.aws;
  if (!aws) {
    throw new TfaDeployError(
      `The build manifest in ${outDir} has no AWS target: run "tfa build --target aws" (or "npm run build") first.`,
    );
  }
  const warnings: string[] = [];
  const lambdas: LambdaPlan[] = [];
  const byLogicalId = new Map<string, string>();
  const assetServers = new Map<string, LambdaPlan>();
  const s3Assets: ManifestRoute[] = [];
  const servedBy = new Map<string, LambdaPlan | 's3'>();
  const unservedPublic: string[] = [];

  const claim = (logicalId: string, owner: string) => {
    const previous = byLogicalId.get(logicalId);
    if (previous && previous !== owner) {
      throw new TfaDeployError(`${previous} and ${owner} both map to the CloudFormation ID "${logicalId}": rename one of them.`);
    }
    byLogicalId.set(logicalId, owner);
  };
  const codeDirOf = (route: ManifestRoute, bundle: string) => {
    const dir = path.resolve(outDir, bundle);
    if (!fs.existsSync(path.join(dir, 'index.js'))) {
      throw new TfaDeployError(
        `The AWS bundle of ${route.path} is missing (${path.join(dir, 'index.js')}): run "npm run build" (or "tfa build --target aws") again.`,
      );
    }
    return dir;
  };

  const routes = [...manifest.routes].sort((a, b) => a.path.localeCompare(b.path));
  const routeIds = new Map<string, string>();
  for (const route of routes) {
    validateRoutePath(route.path);
    if (route.visibility === 'private') continue;
    // Route construct IDs and output names derive from the route id: they must not collide.
    const routeKey = pascalCase(route.id);
    const sameId = routeIds.get(routeKey);
    if (sameId) {
      throw new TfaDeployError(`Routes ${sameId} and ${route.path} both map to the ID "${routeKey}": rename one of them.`);
    }
    routeIds.set(routeKey, route.path);
    const bundle = route.bundles?.aws;
    if (route.kind === 'function') {
      if (!bundle) {
        warnings.push(`Function ${route.path} has no AWS bundle and is not deployed (was it built with --target aws?).`);
        continue;
      }
      const pascal = routeKey;
      const plan: LambdaPlan = {
        logicalId: `Fn${pascal}`,
        pascal,
        kind: 'function',
        codeDir: codeDirOf(route, bundle),
        routes: [route],
        timeoutSeconds: route.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
        memoryMB: route.memoryMB ?? DEFAULT_MEMORY_MB,
      };
      claim(plan.logicalId, `function ${route.path}`);
      lambdas.push(plan);
      servedBy.set(route.path, plan);
      continue;
    }
    // Assets. Public ones go to S3 behind CloudFront; protected ones must pass the signature check,
    // so only a Lambda bundle (runtime + file) may serve them.
    if (route.visibility === 'public' && cloudFront) {
      const file = path.join(outDir, aws.assetsDir, route.path);
      if (!fs.existsSync(file)) {
        throw new TfaDeployError(`Public asset ${route.path} is missing from ${path.join(outDir, aws.assetsDir)}: rebuild.`);
      }
      s3Assets.push(route);
      servedBy.set(route.path, 's3');
      continue;
    }
    if (!bundle) {
      if (route.visibility === 'public') unservedPublic.push(route.path);
      else warnings.push(`Protected asset ${route.path} has no AWS bundle to serve it with a signature check; it is not deployed.`);
      continue;
    }
    const codeDir = codeDirOf(route, bundle);
    let server = assetServers.get(codeDir);
    if (!server) {
      const pascal = pascalCase(path.relative(outDir, codeDir));
      server = {
        logicalId: `Assets${pascal}`,
        pascal,
        kind: 'assets',
        codeDir,
        routes: [],
        timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
        memoryMB: DEFAULT_MEMORY_MB,
      };
      claim(server.logicalId, `asset bundle ${bundle}`);
      assetServers.set(codeDir, server);
      lambdas.push(server);
    }
    server.routes.push(route);
    servedBy.set(route.path, server);
  }

  if (unservedPublic.length > 0) {
    const list = unservedPublic.slice(0, 5).join(', ') + (unservedPublic.length > 5 ? ', …' : '');
    warnings.push(
      `${unservedPublic.length} public asset(s) are not served because cloudFront is off: ${list}. Enable cloudFront to serve them from S3.`,
    );
  }

  for (const plan of lambdas) {
    if (plan.timeoutSeconds + TIMEOUT_MARGIN_SECONDS > MAX_LAMBDA_TIMEOUT_SECONDS) {
      warnings.push(
        `${plan.routes[0].path}: timeout ${plan.timeoutSeconds} s is above what an HTTP API allows (30 s); the Lambda stops at ${MAX_LAMBDA_TIMEOUT_SECONDS} s.`,
      );
    }
    if (!Number.isInteger(plan.memoryMB) || plan.memoryMB < 128 || plan.memoryMB > 10240) {
      throw new TfaDeployError(`${plan.routes[0].path}: memoryMB must be an integer from 128 to 10240, got ${plan.memoryMB}.`);
    }
    if (!(plan.timeoutSeconds > 0)) {
      throw new TfaDeployError(`${plan.routes[0].path}: timeoutSeconds must be positive, got ${plan.timeoutSeconds}.`);
    }
  }

  let rootFallback: DeploymentPlan['rootFallback'];
  if (!manifest.routes.some((r) => r.path === '/')) {
    const target = servedBy.get('/assets/index.html');
    if (target === 's3') rootFallback = { s3Key: 'assets/index.html' };
    else if (target) rootFallback = { lambda: target };
  }

  const s3Paths = new Set(s3Assets.map((r) => r.path));
  const nonS3Paths = manifest.routes.map((r) => r.path).filter((p) => !s3Paths.has(p));
  return { lambdas, s3Assets, nonS3Paths, rootFallback, warnings };
}

function validateRoutePath(p: string): void {
  if (!p.startsWith('/') || p.split('/').some((seg) => seg === '..' || seg === '.') || /[{}\\\0]/.test(p)) {
    throw new TfaDeployError(`Route path ${JSON.stringify(p)} in the build manifest is not usable on AWS.`);
  }
}
