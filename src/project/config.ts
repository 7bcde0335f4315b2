/**
 * Optional per-project settings in `tfa.config.json` (Twilio has no equivalent: its limits are fixed).
 *
 * @example
 * { "timeoutSeconds": 10, "secrets": ["STRIPE_KEY"],
 *   "functions": { "/reports/export": { "timeoutSeconds": 25, "memoryMB": 1024, "methods": ["PUT"] } } }
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface FunctionSettings {
  timeoutSeconds?: number;
  memoryMB?: number;
  /** Methods accepted besides GET, POST and OPTIONS. */
  methods?: string[];
}

export interface ProjectConfig {
  functionsFolder?: string;
  assetsFolder?: string;
  /** Execution limit for every function (default 10, as Twilio). */
  timeoutSeconds?: number;
  maxBodyBytes?: number;
  publicBaseUrl?: string;
  trustProxy?: boolean;
  /** Variables from `.env` that must never be written into plain configuration. */
  secrets?: string[];
  /** Per function, keyed by route (`/sms/reply`). */
  functions?: Record<string, FunctionSettings>;
  aws?: Record<string, unknown>;
  cloudflare?: Record<string, unknown>;
}

export const CONFIG_FILE = 'tfa.config.json';

export function loadProjectConfig(root: string): ProjectConfig {
  const file = path.join(root, CONFIG_FILE);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ProjectConfig;
  } catch (error) {
    throw new Error(`${CONFIG_FILE} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * A function's own settings as the runtime core takes them (`FunctionEntry`): its timeout in ms
 * and its methods upper-case, each undefined when the config does not set it. The project-wide
 * timeout reaches the core through its config instead (runtime-config.ts).
 */
export function functionRuntimeSettings(config: ProjectConfig, route: string): { timeoutMs?: number; methods?: string[] } {
  const own = config.functions?.[route];
  return {
    timeoutMs: own?.timeoutSeconds === undefined ? undefined : own.timeoutSeconds * 1000,
    methods: own?.methods?.map((m) => m.toUpperCase()),
  };
}

/** Always secret, whatever the configuration says. */
export const ALWAYS_SECRET = ['ACCOUNT_SID', 'AUTH_TOKEN'];

/** ACCOUNT_SID and AUTH_TOKEN are always secrets; the project may name more. */
export function secretNames(config: ProjectConfig): string[] {
  return [...new Set([...ALWAYS_SECRET, ...(config.secrets ?? [])])];
}
