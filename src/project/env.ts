/**
 * Environment of a project as the serverless toolkit builds it (B-26, B-30): the `.env` file,
 * plus the few control variables this tool reads from the shell.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { CONTROL_VARIABLES } from './runtime-config';

export function readEnvFile(root: string, envFile = '.env'): Record<string, string> {
  const file = path.resolve(root, envFile);
  return existsSync(file) ? parse(readFileSync(file)) : {};
}

export function projectEnv(root: string, envFile?: string, shell: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env = readEnvFile(root, envFile);
  for (const name of CONTROL_VARIABLES) {
    const value = shell[name];
    if (value) env[name] = value;
  }
  return env;
}
