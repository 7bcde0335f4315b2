/**
 * Runtime settings from the project config, the environment and command-line flags (flags win).
 * Pure: the dev server and the bundles (Lambda, Worker) read settings through this one file.
 */
import type { ProjectConfig } from './config';
import type { RuntimeConfig } from '../runtime/types';

/**
 * Variables this tool itself reads at run time. They come from the platform environment (the
 * shell for `tfa dev`, Lambda configuration, Worker bindings) as well as `.env`, so a CI job or a
 * test can point a project at a fake API without editing it.
 */
export const CONTROL_VARIABLES = [
  'TWILIO_API_BASE_URL', 'PUBLIC_BASE_URL', 'TWILIO_WEBHOOK_SHARED_KEY', 'TFA_DEBUG', 'TFA_TRUST_PROXY',
];

/** The settings of `tfa.config.json` that matter at run time (bundles carry just these). */
export type RuntimeSettings = Pick<ProjectConfig, 'timeoutSeconds' | 'maxBodyBytes' | 'publicBaseUrl' | 'trustProxy'>;

export function runtimeConfig(
  config: RuntimeSettings,
  env: Record<string, string | undefined>,
  flags: { publicBaseUrl?: string; debug?: boolean } = {},
): Partial<RuntimeConfig> {
  return {
    timeoutMs: config.timeoutSeconds === undefined ? undefined : config.timeoutSeconds * 1000,
    maxBodyBytes: config.maxBodyBytes,
    publicBaseUrl: flags.publicBaseUrl ?? env.PUBLIC_BASE_URL ?? config.publicBaseUrl,
    trustProxy: config.trustProxy ?? env.TFA_TRUST_PROXY === '1',
    debug: flags.debug ?? env.TFA_DEBUG === '1',
  };
}
