/**
 * Deployment options of the AWS target and where they come from:
 * defaults < `<project root>/tfa.config.json` key `aws` < CDK context (`-c key=value`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** A configuration or input problem that the user can fix; the app prints only its message. */
export class TfaDeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TfaDeployError';
  }
}

/** The region of an ACM certificate ARN; undefined when it is not one. */
export function certificateRegion(arn: string): string | undefined {
  return /^arn:aws[\w-]*:acm:([a-z0-9-]+):\d{12}:certificate\/.+$/.exec(arn)?.[1];
}

export interface AwsDeployOptions {
  /** CloudFormation stack name. Default `Tfa-<project name>`. */
  stackName?: string;
  /** Put a CloudFront distribution in front (serves public assets from S3). Default true. */
  cloudFront?: boolean;
  /** Custom domain (needs `certificateArn`); attached to CloudFront, or to the HTTP API without it. */
  domainName?: string;
  /** ACM certificate for `domainName`: us-east-1 with CloudFront, the stack's region without. */
  certificateArn?: string;
  /** Secrets Manager secret name. Default `tfa/<project name>` (or `tfa/<stack name>` for a custom stack name). */
  secretName?: string;
  /** CloudWatch Logs retention of the functions, in days (a value CloudWatch accepts). Default 30. */
  logRetentionDays?: number;
  /** Most CloudFront behaviours used for public assets (quota: 25 per distribution incl. the default). Default 24. */
  maxAssetBehaviors?: number;
}

export const OPTION_KEYS = [
  'stackName',
  'cloudFront',
  'domainName',
  'certificateArn',
  'secretName',
  'logRetentionDays',
  'maxAssetBehaviors',
] as const satisfies readonly (keyof AwsDeployOptions)[];

type OptionKey = (typeof OPTION_KEYS)[number];
const BOOLEAN_KEYS: ReadonlySet<OptionKey> = new Set(['cloudFront']);
const NUMBER_KEYS: ReadonlySet<OptionKey> = new Set(['logRetentionDays', 'maxAssetBehaviors']);

/** Reads `tfa.config.json` → `aws`; a missing file or key means no options. */
export function readProjectAwsOptions(projectRoot: string): AwsDeployOptions {
  const file = path.join(projectRoot, 'tfa.config.json');
  if (!fs.existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TfaDeployError(`Invalid JSON in ${file}: ${(err as Error).message}`);
  }
  const aws = (parsed as { aws?: unknown } | null)?.aws;
  if (aws === undefined) return {};
  if (aws === null || typeof aws !== 'object' || Array.isArray(aws)) {
    throw new TfaDeployError(`${file}: "aws" must be an object`);
  }
  return coerceOptions(aws as Record<string, unknown>, `${file} (aws)`);
}

/** Options from CDK context; `lookup` is `app.node.tryGetContext`. Values given with `-c` are strings. */
export function readContextOptions(lookup: (key: string) => unknown): AwsDeployOptions {
  const raw: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) raw[key] = lookup(key);
  return coerceOptions(raw, 'CDK context');
}

/** Later sources win; `undefined` never overrides. */
export function mergeOptions(...sources: AwsDeployOptions[]): AwsDeployOptions {
  const out: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) if (value !== undefined) out[key] = value;
  }
  return out as AwsDeployOptions;
}

function coerceOptions(raw: Record<string, unknown>, origin: string): AwsDeployOptions {
  const out: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    const value = raw[key];
    if (value === undefined || value === null || value === '') continue;
    if (BOOLEAN_KEYS.has(key)) {
      if (typeof value === 'boolean') out[key] = value;
      else if (typeof value === 'string' && /^(true|1|yes|on)$/i.test(value)) out[key] = true;
      else if (typeof value === 'string' && /^(false|0|no|off)$/i.test(value)) out[key] = false;
      else throw new TfaDeployError(`${origin}: "${key}" must be true or false, got ${JSON.stringify(value)}`);
    } else if (NUMBER_KEYS.has(key)) {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isInteger(n) || n <= 0) {
        throw new TfaDeployError(`${origin}: "${key}" must be a positive integer, got ${JSON.stringify(value)}`);
      }
      out[key] = n;
    } else {
      if (typeof value !== 'string') {
        throw new TfaDeployError(`${origin}: "${key}" must be a string, got ${JSON.stringify(value)}`);
      }
      out[key] = value.trim();
    }
  }
  return out as AwsDeployOptions;
}

/** Options with defaults applied and cross-checked. */
export interface ResolvedOptions {
  stackName: string;
  cloudFront: boolean;
  domainName?: string;
  certificateArn?: string;
  secretName: string;
  logRetention: RetentionDays;
  maxAssetBehaviors: number;
}

export function resolveOptions(projectName: string, options: AwsDeployOptions): ResolvedOptions {
  const stackName = options.stackName ?? defaultStackName(projectName);
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    throw new TfaDeployError(
      `Invalid stack name "${stackName}": use letters, digits and hyphens, starting with a letter (max 128).`,
    );
  }
  const secretName =
    options.secretName ?? (options.stackName ? `tfa/${stackName}` : `tfa/${sanitizeSecretName(projectName)}`);
  if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(secretName)) {
    throw new TfaDeployError(`Invalid secret name "${secretName}": allowed are letters, digits and /_+=.@-`);
  }
  if (Boolean(options.domainName) !== Boolean(options.certificateArn)) {
    throw new TfaDeployError('domainName and certificateArn must be given together (custom domain needs an ACM certificate).');
  }
  const cloudFront = options.cloudFront ?? true;
  if (options.certificateArn) {
    const region = certificateRegion(options.certificateArn);
    if (!region) throw new TfaDeployError(`certificateArn is not an ACM certificate ARN: ${options.certificateArn}`);
    if (cloudFront && region !== 'us-east-1') {
      throw new TfaDeployError(
        `CloudFront needs its certificate in us-east-1, but certificateArn is in ${region}. ` +
          'Request one in us-east-1, or set cloudFront=false to attach the domain to the HTTP API.',
      );
    }
  }
  const days = options.logRetentionDays ?? RetentionDays.ONE_MONTH;
  const allowed = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days)) {
    throw new TfaDeployError(`logRetentionDays=${days} is not a CloudWatch retention; use one of ${allowed.join(', ')}.`);
  }
  return {
    stackName,
    cloudFront,
    domainName: options.domainName,
    certificateArn: options.certificateArn,
    secretName,
    logRetention: days as RetentionDays,
    maxAssetBehaviors: options.maxAssetBehaviors ?? 24,
  };
}

export function defaultStackName(projectName: string): string {
  const cleaned = projectName
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return `Tfa-${cleaned || 'project'}`.slice(0, 128).replace(/-+$/, '');
}

function sanitizeSecretName(projectName: string): string {
  return projectName.replace(/[^A-Za-z0-9/_+=.@-]+/g, '-').replace(/^[-/]+|[-/]+$/g, '') || 'project';
}

/** `sms-reply` → `SmsReply`; the basis of stable logical IDs and output names. */
export function pascalCase(id: string): string {
  const out = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
  return out || 'Root';
}
