/**
 * The repository's own example project deploys as documented: `npm run build`, then
 * `npx wrangler deploy` with the root wrangler.toml and `npx cdk synth` with the root cdk.json,
 * both offline and without credentials (dry run and synth only).
 */
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProject } from '../src/build/build';
import { REPO_ROOT } from './support/spawn-cli';
import { tempProject } from './support/temp-project';

const run = promisify(execFile);
const OFFLINE = { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' };

describe('deploying the example project', () => {
  beforeAll(async () => {
    await buildProject({ project: REPO_ROOT, out: path.join(REPO_ROOT, 'dist'), targets: ['aws', 'cloudflare'] });
  }, 120_000);

  it('keeps the root wrangler.toml in step with the config the build generates', () => {
    const { unstable_readConfig } = require('wrangler');
    const root = unstable_readConfig({ config: path.join(REPO_ROOT, 'wrangler.toml') });
    const generated = JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist/cloudflare/wrangler.json'), 'utf8'));
    expect(root.name).toBe(generated.name);
    expect(root.compatibility_date).toBe(generated.compatibility_date);
    expect(root.compatibility_flags).toEqual(generated.compatibility_flags);
    expect(root.no_bundle).toBe(generated.no_bundle);
    expect(root.vars).toEqual(generated.vars);
    expect(path.resolve(REPO_ROOT, root.main)).toBe(path.resolve(REPO_ROOT, 'dist/cloudflare', generated.main));
    expect({ ...root.assets, directory: path.resolve(REPO_ROOT, root.assets.directory) }).toEqual({ ...generated.assets, directory: path.join(REPO_ROOT, 'dist/cloudflare/assets') });
    expect(JSON.stringify(root.vars)).not.toMatch(/ACCOUNT_SID|AUTH_TOKEN/);
  });

  it('passes `wrangler deploy --dry-run` with the root wrangler.toml', async () => {
    const outdir = tempProject({}, 'tfa-dry-run-');
    const { stdout } = await run(process.execPath, [require.resolve('wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir], { cwd: REPO_ROOT, env: OFFLINE });
    expect(stdout).toMatch(/Total Upload: [\d.]+ KiB \/ gzip: [\d.]+ KiB/);
    expect(stdout).toContain('env.ASSETS');
    expect(stdout).toContain('--dry-run: exiting now.');
  }, 120_000);

  it('synthesizes the CDK app from the build manifest with `cdk synth`, offline', async () => {
    const output = tempProject({}, 'tfa-synth-');
    await run(process.execPath, [require.resolve('aws-cdk/bin/cdk'), 'synth', '--quiet', '--output', output], { cwd: REPO_ROOT, env: OFFLINE });
    const template = readdirSync(output).find((file) => file.endsWith('.template.json'));
    expect(template).toBeDefined();
    const json = readFileSync(path.join(output, template!), 'utf8');
    const routes = Object.values<any>(JSON.parse(json).Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    expect(routes).toEqual(expect.arrayContaining(['ANY /sms/reply', 'ANY /voice/menu', 'ANY /api/status', 'ANY /webhooks/status-callback']));
    expect(routes).not.toContain('ANY /utils/format');
  }, 180_000);
});
