import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempProject as project } from '../../test/support/temp-project';
import { v2Event } from '../../adapters/aws-lambda/synthetic-events';
import { buildProject } from './build';
import { formatReport } from './report';

const twiml = 'exports.handler = (c, e, cb) => cb(null, new Twilio.twiml.VoiceResponse().say("hi"));';

describe('buildProject', () => {
  it('writes the manifest and a report with one line per function and a total', async () => {
    const root = project({ 'functions/voice.js': twiml, 'functions/x.private.js': 'exports.x = 1;', 'assets/a.txt': 'a', '.env': 'GREETING=hi\nAUTH_TOKEN=t' });
    const progress: string[] = [];
    const { manifest, manifestPath, report } = await buildProject({ project: root, out: path.join(root, 'dist'), targets: ['aws'], progress: (m) => progress.push(m) });
    expect(JSON.parse(readFileSync(manifestPath, 'utf8'))).toEqual(manifest);
    expect(manifest.targets).toEqual({ aws: { functionsDir: 'aws/functions', assetsDir: 'aws/assets', nodeModulesBytes: expect.any(Number) } });
    expect(manifest.env).toEqual({ names: ['GREETING', 'AUTH_TOKEN'], secrets: ['ACCOUNT_SID', 'AUTH_TOKEN'] });
    expect(progress.join('\n')).toMatch(/discovering[\s\S]*aws: bundling 1 function and the assets Lambda[\s\S]*aws: done/);
    expect(report).toMatch(/\/voice\s+public\s+\d+\.\d KiB \/ \d+\.\d KiB/);
    expect(report).toMatch(/\/x\s+private\s+inside each bundle/);
    expect(report.split('\n').at(-1)).toMatch(/^Built 2 functions and 1 assets for aws into .* in \d+\.\d s; aws bundles .*; 0 warnings\.$/);
  });

  it('keeps the twilio REST client out of Lambda bundles and ships it beside them', async () => {
    const root = project({ 'functions/voice.js': twiml });
    const out = path.join(root, 'dist');
    await buildProject({ project: root, out, targets: ['aws'] });
    const bundle = readFileSync(path.join(out, 'aws/functions/voice/index.js'), 'utf8');
    expect(bundle).toContain('twilio/lib/rest/Twilio');
    expect(bundle).not.toContain('messagingServiceSid');
    expect(bundle.length).toBeLessThan(400_000);
    expect(existsSync(path.join(out, 'aws/functions/voice/node_modules/twilio/lib/rest/Twilio.js'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(out, 'aws/functions/voice/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  });

  it('reports warnings with file and line: dynamic require, Node modules Workers lack', async () => {
    const root = project({
      'functions/a.js': "const cp = require('child_process');\nconst x = require(process.env.X);\nexports.handler = () => {};",
    });
    const { manifest, report } = await buildProject({ project: root, out: path.join(root, 'dist'), targets: ['cloudflare'] });
    expect(manifest.warnings).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'functions/a.js', line: 2, message: expect.stringContaining('require(process.env.X)') }),
      expect.objectContaining({ file: 'functions/a.js', line: 1, target: 'cloudflare', message: expect.stringContaining('child_process is not implemented on Cloudflare Workers') }),
    ]));
    expect(report).toContain('functions/a.js:1: [cloudflare] child_process is not implemented');
  });

  it('fails with what to change when a dependency is missing', async () => {
    const root = project({ 'functions/a.js': "const x = require('left-pad');\nexports.handler = () => {};" });
    await expect(buildProject({ project: root, out: path.join(root, 'dist'), targets: ['aws'] }))
      .rejects.toThrow(/functions\/a\.js:1: Could not resolve "left-pad" \(install it in the project: npm install left-pad\)/);
  });

  it('gives ES module sources the bundle\'s import.meta in CommonJS Lambda bundles', async () => {
    const root = project({
      'functions/where.mjs': 'export const handler = (c, e, cb) => cb(null, { url: import.meta.url, dirname: import.meta.dirname });',
    });
    const out = path.join(root, 'dist');
    const { report } = await buildProject({ project: root, out, targets: ['aws'] });
    expect(report).not.toContain('import.meta');
    const bundle = path.join(out, 'aws/functions/where/index.js');
    const script = `require(${JSON.stringify(bundle)}).handler(${JSON.stringify(v2Event({ path: '/where' }))}, {}).then((r) => process.stdout.write(r.body))`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))).toEqual({
      url: `file://${bundle}`, dirname: path.dirname(bundle),
    });
  });

  it('says how to fix top-level await, which CommonJS Lambda bundles cannot hold', async () => {
    const root = project({ 'functions/a.mjs': 'const g = await Promise.resolve("hi");\nexport const handler = (c, e, cb) => cb(null, g);' });
    await expect(buildProject({ project: root, out: path.join(root, 'dist'), targets: ['aws'] }))
      .rejects.toThrow(/functions\/a\.mjs:1: Top-level await .* \(Lambda bundles are CommonJS: move the await into the handler/);
  });

  it('uses the project\'s twilio when its package.json lists one, and says so when it is not installed', async () => {
    const root = project({ 'functions/a.js': twiml, 'package.json': '{"name":"p","dependencies":{"twilio":"^5.0.0"}}' });
    await expect(buildProject({ project: root, out: path.join(root, 'dist'), targets: ['aws'] })).rejects.toThrow(/lists twilio \^5\.0\.0 but it is not installed: run "npm install"/);
    mkdirSync(path.join(root, 'node_modules/twilio/lib/twiml'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules/twilio/package.json'), '{"name":"twilio","version":"5.9.9","main":"./lib"}');
    writeFileSync(path.join(root, 'node_modules/twilio/lib/twiml/VoiceResponse.js'), 'module.exports = class { say() { return this; } toString() { return "<Response>project twilio</Response>"; } };');
    for (const file of ['MessagingResponse', 'FaxResponse']) writeFileSync(path.join(root, `node_modules/twilio/lib/twiml/${file}.js`), 'module.exports = class {};');
    const { manifest } = await buildProject({ project: root, out: path.join(root, 'dist'), targets: ['cloudflare'] });
    expect(manifest.twilio).toEqual({ version: '5.9.9', fromProject: true });
    expect(readFileSync(path.join(root, 'dist/cloudflare/worker/worker.js'), 'utf8')).toContain('project twilio');
  });

  it('refuses an output folder that holds the project or files tfa did not write', async () => {
    const root = project({ 'functions/a.js': twiml });
    await expect(buildProject({ project: root, out: root, targets: ['aws'] })).rejects.toThrow(/would hold the project itself/);
    const out = project({ 'aws/keep.txt': 'mine' });
    await expect(buildProject({ project: root, out, targets: ['aws'] })).rejects.toThrow(/was not written by tfa build/);
    expect(existsSync(path.join(out, 'aws/keep.txt'))).toBe(true);
  });
});

describe('formatReport', () => {
  it('prints warnings with file:line and target', () => {
    const report = formatReport({
      version: 1, project: { name: 'p', root: '/p' }, builtAt: '', durationMs: 1234,
      routes: [{ path: '/a', kind: 'function', visibility: 'protected', source: 'functions/a.protected.js', id: 'a' }],
      env: { names: [], secrets: [] }, targets: { cloudflare: { worker: 'w.js', wranglerConfig: 'c', assetsDir: 'a', bytes: 2048, gzipBytes: 1024 } },
      warnings: [{ file: 'functions/a.protected.js', line: 3, message: 'careful', target: 'cloudflare' }, { message: 'general' }],
    }, 'dist');
    expect(report).toContain('  functions/a.protected.js:3: [cloudflare] careful');
    expect(report).toContain('  general');
    expect(report).toContain('cloudflare: w.js 2.0 KiB / 1.0 KiB gzip');
    expect(report.split('\n').at(-1)).toBe('Built 1 functions and 0 assets for cloudflare into dist in 1.2 s; worker 1.0 KiB gzip; 2 warnings.');
  });
});
