/**
 * Prints the secret JSON for the stack's Secrets Manager secret, from the project's `.env`:
 *   npx tsx cdk/bin/secrets-json.ts [--manifest dist/manifest.json] \
 *     | aws secretsmanager put-secret-value --secret-id tfa/<project> --secret-string file:///dev/stdin
 * Only the names the build marked secret (always ACCOUNT_SID and AUTH_TOKEN) are included.
 * Writes nothing to disk; missing names are reported on stderr.
 */
import * as path from 'node:path';
import { readEnvFile } from '../../src/project/env';
import { TfaDeployError } from '../lib/config';
import { secretNames } from '../lib/env';
import { readManifest, resolveManifestPath } from '../lib/manifest';

function main(argv: string[]): void {
  const flag = argv.indexOf('--manifest');
  const manifest = readManifest(resolveManifestPath(flag >= 0 ? argv[flag + 1] : undefined));
  const envFile = path.join(manifest.project.root, '.env');
  const values = readEnvFile(manifest.project.root);
  const out: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of secretNames(manifest)) {
    if (name in values) out[name] = values[name];
    else missing.push(name);
  }
  if (missing.length > 0) console.error(`Not in ${envFile}: ${missing.join(', ')}`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  if (err instanceof TfaDeployError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
