import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test/support/temp-project';
import { initProject, SCRIPTS } from './init';

const FIXTURE = path.resolve(__dirname, '../../test/fixtures/templates');
function copyOfFixture(): string {
  const root = tempProject({}, 'tfa-init-');
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

/** Every file with its content and modification time. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(root, full)] = `${statSync(full).mtimeMs} ${readFileSync(full, 'base64')}`;
    }
  };
  walk(root);
  return files;
}

describe('tfa init', () => {
  it('adds the wrangler config, cdk.json, npm scripts and .gitignore lines, and touches no function or asset', () => {
    const root = copyOfFixture();
    const before = snapshot(root);
    const { outcomes } = initProject(root);
    expect(outcomes).toEqual({ 'wrangler.jsonc': 'created', 'cdk.json': 'created', 'package.json': 'updated', '.gitignore': 'created' });

    const after = snapshot(root);
    for (const file of Object.keys(before).filter((f) => f.startsWith('functions') || f.startsWith('assets'))) expect(after[file]).toBe(before[file]);

    const wrangler = readFileSync(path.join(root, 'wrangler.jsonc'), 'utf8');
    const config = JSON.parse(wrangler.replace(/^\/\/.*$/gm, ''));
    expect(config).toMatchObject({ name: 'templates-fixture', main: 'dist/cloudflare/worker/worker.js', compatibility_flags: ['nodejs_compat'], assets: { directory: 'dist/cloudflare/assets', binding: 'ASSETS' } });
    const cdk = JSON.parse(readFileSync(path.join(root, 'cdk.json'), 'utf8'));
    expect(cdk.app).toMatch(/^node \S+\/bin\/run-ts\.cjs \S+\/cdk\/bin\/app\.ts$/);
    expect(cdk.context).toMatchObject({ manifest: 'dist/manifest.json', '@aws-cdk/aws-lambda:recognizeLayerVersion': true });
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts).toEqual(SCRIPTS);
    expect(pkg.dependencies).toEqual({ 'cjs-greeter': '1.0.0', 'esm-only-shout': '1.0.0' });
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toContain('dist/\ncdk.out/\n.wrangler/\n.dev.vars\n');
  });

  it('is idempotent: a second run changes nothing', () => {
    const root = copyOfFixture();
    initProject(root);
    const first = snapshot(root);
    const { outcomes } = initProject(root);
    expect(Object.values(outcomes)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(snapshot(root)).toEqual(first);
  });

  it('keeps what the user already has', () => {
    const root = copyOfFixture();
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'mine', scripts: { build: 'tsc', start: 'twilio-run' } }, null, 4));
    writeFileSync(path.join(root, 'cdk.json'), JSON.stringify({ app: 'npx ts-node app.ts', context: { manifest: 'out/manifest.json' } }));
    writeFileSync(path.join(root, 'wrangler.toml'), 'name = "mine"\n');
    writeFileSync(path.join(root, '.gitignore'), 'node_modules\ndist\n');
    const { outcomes, lines } = initProject(root);
    expect(outcomes).toEqual({ 'wrangler.toml': 'kept', 'cdk.json': 'unchanged', 'package.json': 'updated', '.gitignore': 'updated' });
    const pkg = readFileSync(path.join(root, 'package.json'), 'utf8');
    expect(JSON.parse(pkg).scripts).toEqual({ build: 'tsc', start: 'twilio-run', 'deploy:aws': SCRIPTS['deploy:aws'], 'deploy:cloudflare': SCRIPTS['deploy:cloudflare'] });
    expect(pkg).toMatch(/^{\n {4}"name"/);
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('node_modules\ndist\n\n# tfa build output\ncdk.out/\n.wrangler/\n.dev.vars\n');
    expect(lines.join('\n')).toMatch(/scripts\.build already exists and was kept/);
    expect(lines.join('\n')).toMatch(/cdk\.json already has an app/);
  });
});
