/**
 * The build manifest (`<out>/manifest.json`): the single description of a built project.
 * The CDK app and `tfa dev --target aws|cloudflare` read it; nothing else re-discovers the project.
 */
import type { Visibility } from '../runtime/types';
import type { BundlePart } from './worker-size';

/** The manifest's file name inside the output folder. */
export const MANIFEST_FILE = 'manifest.json';

export interface ManifestRoute {
  /** URL path (`/sms/reply`, `/index.html`). */
  path: string;
  kind: 'function' | 'asset';
  visibility: Visibility;
  /** Source file, relative to the project root. */
  source: string;
  /** Stable identifier derived from the path, safe for file and CloudFormation names (`sms-reply`). */
  id: string;
  /** Functions only: execution limit and extra methods from the project config. */
  timeoutSeconds?: number;
  methods?: string[];
  /** Functions only, AWS: Lambda memory. */
  memoryMB?: number;
  /** Per target, the artefact that serves this route (relative to the out dir). */
  bundles?: { aws?: string; cloudflare?: string };
  /** Size report of the bundle (functions: the AWS bundle's index.js) or file (assets). */
  bytes?: number;
  gzipBytes?: number;
}

export interface ManifestWarning {
  /** Project-relative file and line the warning is about, when there is one. */
  file?: string;
  line?: number;
  message: string;
  /** The target it concerns; absent when it concerns both. */
  target?: 'aws' | 'cloudflare';
}

export interface Manifest {
  version: 1;
  project: {
    name: string;
    /** Absolute project root at build time (the CDK app reads `.env` from here). */
    root: string;
  };
  builtAt: string;
  routes: ManifestRoute[];
  env: {
    /** Names of the variables from `.env` (values are never written to the manifest). */
    names: string[];
    /** Names kept out of plain configuration: ACCOUNT_SID, AUTH_TOKEN and those marked secret. */
    secrets: string[];
  };
  targets: {
    aws?: {
      /** Folder per function (relative to the out dir), each with `index.js` exporting `handler`
       * (CommonJS: the folder's package.json says `"type": "commonjs"`). */
      functionsDir: string;
      /** Public and protected assets as files, for serving (private ones live inside bundles). */
      assetsDir: string;
      /** Bytes of aws/node_modules (twilio, unbundled), which each function folder links as
       * node_modules: the CDK asset copy follows the symlink, so every Lambda zip carries it. */
      nodeModulesBytes?: number;
    };
    cloudflare?: {
      /** The Worker entry module and its wrangler config (relative to the out dir). */
      worker: string;
      wranglerConfig: string;
      assetsDir: string;
      /** Size of the Worker module. */
      bytes?: number;
      gzipBytes?: number;
      /** Biggest contributors to the Worker module, largest first: npm packages, project files,
       * tfa's runtime, the generated entry (with embedded private assets). Bytes before gzip. */
      largestParts?: BundlePart[];
      /** Startup (compile and top-level evaluation) measured in local workerd, in ms; absent when
       * the check was skipped (`--no-startup-check`) or workerd could not run. Limit: 1000. */
      startupMs?: number;
    };
  };
  /** The twilio package the bundles use: the project's when it lists one, else tfa's. */
  twilio?: { version: string; fromProject: boolean };
  warnings: ManifestWarning[];
  /** Wall-clock duration of the build. */
  durationMs?: number;
}
