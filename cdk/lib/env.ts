/**
 * Plain (non-secret) Lambda environment from the project's `.env`, read at synth time.
 * Secret values never pass through here: they live in Secrets Manager (see secrets.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Token } from 'aws-cdk-lib';
import { ALWAYS_SECRET } from '../../src/project/config';
import { readEnvFile } from '../../src/project/env';
import type { Manifest } from './manifest';
import { TfaDeployError } from './config';

/** Set by the stack; a `.env` value with the same name is ignored. */
export const STACK_MANAGED_ENV = ['PUBLIC_BASE_URL', 'TFA_SECRETS_ARN', 'TFA_SECRET_NAMES'];

/** Names Lambda refuses as environment variables (deploy would fail). */
const LAMBDA_RESERVED = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

export const LAMBDA_ENV_LIMIT_BYTES = 4096;

export function secretNames(manifest: Manifest): string[] {
  return [...new Set([...ALWAYS_SECRET, ...(manifest.env?.secrets ?? [])])];
}

export interface PlainEnv {
  vars: Record<string, string>;
  warnings: string[];
}

/** Variables named in the manifest, minus secrets, with their values from `<projectRoot>/.env`. */
export function readPlainEnv(manifest: Manifest, projectRoot: string): PlainEnv {
  const warnings: string[] = [];
  const secrets = new Set(secretNames(manifest));
  const wanted = (manifest.env?.names ?? []).filter((n) => !secrets.has(n));
  const file = path.join(projectRoot, '.env');
  const exists = fs.existsSync(file);
  const values = readEnvFile(projectRoot);
  if (!exists && wanted.length > 0) warnings.push(`No .env at ${file}: ${wanted.join(', ')} will not be set.`);

  const vars: Record<string, string> = {};
  for (const name of wanted) {
    if (STACK_MANAGED_ENV.includes(name)) {
      warnings.push(`${name} from .env is ignored: the stack sets it.`);
    } else if (LAMBDA_RESERVED.has(name)) {
      warnings.push(`${name} from .env is reserved by Lambda and is not set (mark it secret to pass it via Secrets Manager).`);
    } else if (!(name in values)) {
      if (exists) warnings.push(`${name} is listed in the build manifest but missing from ${file}; not set.`);
    } else {
      vars[name] = values[name];
    }
  }
  return { vars, warnings };
}

/**
 * Lambda limits the environment to 4 KB (keys + values). Values only known at deploy time
 * (ARNs, domain names) count with a generous estimate.
 */
export function checkEnvSize(env: Record<string, string>, where: string): number {
  const sizes = Object.entries(env).map(([k, v]) => ({
    name: k,
    bytes: Buffer.byteLength(k) + (Token.isUnresolved(v) ? estimateTokenBytes(v) : Buffer.byteLength(v)),
  }));
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  if (total > LAMBDA_ENV_LIMIT_BYTES) {
    const largest = sizes
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 3)
      .map((s) => `${s.name} ${s.bytes} B`)
      .join(', ');
    throw new TfaDeployError(
      `Lambda environment of ${where} would be about ${total} bytes, over the 4 KB Lambda limit (largest: ${largest}). ` +
        'Shorten these values or mark them secret so they go to Secrets Manager instead.',
    );
  }
  return total;
}

/** Deploy-time values: an ARN or a URL, well under 200 bytes; the literal parts of the string count as is. */
function estimateTokenBytes(value: string): number {
  return Math.max(Buffer.byteLength(value), 200);
}
