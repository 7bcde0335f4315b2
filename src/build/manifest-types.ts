/**
 * The build manifest (`<out>/manifest.json`): the single description of a built project.
 * The CDK app and the Worker config read it; nothing else re-discovers the project.
 */
import type { Visibility } from '../runtime/types';

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
  /** Size report of the bundle (functions) or file (assets). */
  bytes?: number;
  gzipBytes?: number;
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
      /** Folder per function (relative to the out dir), each with `index.js` exporting `handler`. */
      functionsDir: string;
      /** Public and protected assets as files, for serving (private ones live inside bundles). */
      assetsDir: string;
    };
    cloudflare?: {
      /** The Worker entry module and its wrangler config (relative to the out dir). */
      worker: string;
      wranglerConfig: string;
      assetsDir: string;
    };
  };
  warnings: { file?: string; line?: number; message: string }[];
}
