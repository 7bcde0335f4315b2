/** Runtime settings from the project config, the environment and command-line flags (flags win). */
import type { ProjectConfig } from '../project/config';
import type { RuntimeConfig } from '../runtime/types';

export function runtimeConfig(
  config: ProjectConfig,
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
