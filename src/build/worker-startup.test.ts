import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempProject as project } from '../../test/support/temp-project';
import { buildProject } from './build';
import { explainStartupFailure } from './startup-failure';
import { startStartupCheck, type StartupMeasurement, type StartupOptions } from './worker-startup';

const run = promisify(execFile);
const workerd = { compatibilityDate: '2026-04-01', compatibilityFlags: ['nodejs_compat'], bindings: { GREETING: 'hi' } };
/** Boots workerd, loads the bundle, stops workerd. */
async function measureWorkerStartup(options: StartupOptions & { file: string }): Promise<StartupMeasurement> {
  const { addedMs: _, ...result } = await startStartupCheck(options).measure(options.file);
  return result;
}

/** A worker.js with this code, for measureWorkerStartup. */
const workerFile = (source: string) => path.join(project({ 'worker.js': source }), 'worker.js');
const hello = 'exports.handler = (context, event, callback) => callback(null, `${context.GREETING} there`);';

describe('the startup check in tfa build', () => {
  it('reports the startup time and the largest parts, and records them in the manifest', async () => {
    const root = project({
      'functions/hello.js': hello,
      // Functions are evaluated on their first request: this one cannot fail the Worker's startup.
      'functions/broken.js': "throw new Error('broken at top level');\nexports.handler = () => {};",
      '.env': 'GREETING=hi',
    });
    const progress: string[] = [];
    const { manifest, manifestPath, report } = await buildProject({ project: root, out: path.join(root, 'dist'), targets: ['cloudflare'], progress: (m) => progress.push(m) });
    const worker = manifest.targets.cloudflare!;
    expect(worker.startupMs).toEqual(expect.any(Number));
    expect(worker.startupMs).toBeLessThan(1000);
    expect(worker.largestParts![0]).toEqual({ name: 'twilio', kind: 'package', bytes: expect.any(Number) });
    expect(JSON.parse(readFileSync(manifestPath, 'utf8')).targets.cloudflare).toEqual(worker);
    expect(report).toMatch(/^ {2}cloudflare: largest parts: twilio \d+\.\d MiB \(\d+%\), /m);
    expect(report).toMatch(new RegExp(`^  cloudflare: startup ${worker.startupMs} ms in workerd \\(limit 1 s\\)$`, 'm'));
    expect(report.split('\n').at(-1)).toMatch(/; worker .* gzip, starts in \d+ ms; 0 warnings\.$/);
    expect(progress.join('\n')).toMatch(/cloudflare: startup \d+ ms in workerd \(the check added \d+\.\d s after bundling\)/);
  });

  it('fails the build when the Worker cannot start, naming the import that breaks it', async () => {
    const root = project({
      'functions/hello.js': hello,
      // An import of a module outside the bundle is linked when the Worker starts.
      'functions/kv.mjs': "import { env } from 'cloudflare:worker';\nexport const handler = (c, e, cb) => cb(null, String(env));",
    });
    await expect(buildProject({ project: root, out: path.join(root, 'dist'), targets: ['cloudflare'] })).rejects.toThrow(
      /^cloudflare: the Worker fails to start in workerd, as it would when deployed: Error: No such module "cloudflare:worker" \(imported by functions\/kv\.mjs\)\n {2}To fix: correct or remove that import/,
    );
  });

  it('is skipped with tfa build --no-startup-check and when no Worker is built', async () => {
    const root = project({ 'functions/hello.js': hello });
    const cli = path.resolve(__dirname, '../../bin/tfa.cjs');
    const { stdout } = await run(process.execPath, [cli, 'build', '--project', root, '--out', path.join(root, 'dist'), '--target', 'cloudflare', '--no-startup-check']);
    expect(stdout).toMatch(/cloudflare: largest parts: twilio/);
    expect(stdout).not.toMatch(/workerd|starts in/);
    const manifest = JSON.parse(readFileSync(path.join(root, 'dist/manifest.json'), 'utf8'));
    expect(manifest.targets.cloudflare.startupMs).toBeUndefined();
    expect(manifest.targets.cloudflare.largestParts).not.toHaveLength(0);
    const aws = await buildProject({ project: root, out: path.join(root, 'dist-aws'), targets: ['aws'] });
    expect(aws.report).not.toContain('workerd');
  });
});

describe('measureWorkerStartup', () => {
  it('times compiling and evaluating a module in a fresh isolate', async () => {
    const result = await measureWorkerStartup({ ...workerd, file: workerFile('export default { fetch() { return new Response("ok"); } };') });
    expect(result).toEqual({ status: 'measured', startupMs: expect.any(Number), checkMs: expect.any(Number) });
  });

  it('reports a Worker whose top level throws, or that has no fetch handler, as failed', async () => {
    const thrown = await measureWorkerStartup({ ...workerd, file: workerFile('throw new Error("at load"); export default {};') });
    expect(thrown).toMatchObject({ status: 'failed', error: expect.stringMatching(/Failed to start Worker:[\s\S]*Uncaught Error: at load[\s\S]*worker\.js:1:/) });
    const noFetch = await measureWorkerStartup({ ...workerd, file: workerFile('export default { answer: 42 };') });
    expect(noFetch).toMatchObject({ status: 'failed', error: 'worker.js has no default export with a fetch() handler' });
  });

  it('says so, without failing, when workerd cannot run here', async () => {
    const file = workerFile('export default { fetch() { return new Response("ok"); } };');
    expect(await measureWorkerStartup({ ...workerd, file, workerd: '/bin/false' })).toMatchObject({ status: 'unavailable', reason: 'workerd exited before serving (exit code 1)' });
    expect(await measureWorkerStartup({ ...workerd, file, workerd: '/nonexistent/workerd' })).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/^workerd did not start: spawn \/nonexistent\/workerd ENOENT/) });
  });

  it('gives up on a Worker that never finishes loading', async () => {
    const result = await measureWorkerStartup({ ...workerd, file: workerFile('while (true) {}\nexport default {};'), timeoutMs: 1500 });
    expect(result).toMatchObject({ status: 'failed', error: expect.stringMatching(/did not finish starting within 2 s/) });
  });
});

describe('explainStartupFailure', () => {
  const context = { roots: { projectRoot: '/p', toolRoot: '/tfa' } };

  it('names who imports a module workerd lacks', () => {
    const metafile = {
      inputs: {
        'functions/kv.mjs': { bytes: 1, imports: [{ path: 'cloudflare:worker', kind: 'import-statement', external: true }] },
        'node_modules/kv-helper/index.js': { bytes: 1, imports: [{ path: 'cloudflare:worker', kind: 'import-statement', external: true }] },
        'functions/ok.js': { bytes: 1, imports: [{ path: 'node:crypto', kind: 'require-call', external: true }] },
      },
      outputs: {},
    } as unknown as Metafile;
    const error = 'Error: Failed to start Worker:\nUncaught Error: No such module "cloudflare:worker".\n  imported from "worker.js"\n    at async Object.fetch (script-0:19:29)';
    expect(explainStartupFailure(error, { ...context, metafile })).toEqual({
      problem: 'Error: No such module "cloudflare:worker" (imported by functions/kv.mjs, kv-helper)',
      fix: expect.stringMatching(/^correct or remove that import: Workers have no module "cloudflare:worker"/),
    });
  });

  it('maps the place a load-time error was thrown through the source map', () => {
    // Generated line 1, column 0 → source 0, line 4 (zero-based 3).
    const sourceMap = { version: 3, sources: ['tfa/src/runtime/runtime.ts'], names: [], mappings: 'AAGA' };
    const error = 'Error: Failed to start Worker:\nUncaught TypeError: x is not a function\n  at worker.js:1:7\n    at async Object.fetch (script-0:19:29)';
    expect(explainStartupFailure(error, { ...context, sourceMap })).toEqual({
      problem: 'TypeError: x is not a function (at tfa/src/runtime/runtime.ts:4)',
      fix: expect.stringMatching(/move that work into a request handler/),
    });
  });
});
