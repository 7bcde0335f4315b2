/**
 * `tfa dev --target cloudflare`: runs the built Worker in workerd through `wrangler dev`, with the
 * wrangler config the build wrote, so static assets, `run_worker_first`, vars and `.dev.vars`
 * secrets behave as they will once deployed.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONTROL_VARIABLES } from '../project/runtime-config';

const WRANGLER = require.resolve('wrangler/bin/wrangler.js');
const READY_TIMEOUT_MS = 60_000;

export interface WorkerHostOptions {
  /** The wrangler config `tfa build` wrote (`manifest.targets.cloudflare.wranglerConfig`). */
  config: string;
  port: number;
  host: string;
}

export async function startWorkerHost(options: WorkerHostOptions): Promise<{ url: string; close(): Promise<void> }> {
  const port = options.port || (await freePort());
  // Control variables set in the shell (a fake Twilio API, the public URL) reach the Worker too.
  const vars = CONTROL_VARIABLES.filter((name) => process.env[name]).flatMap((name) => ['--var', `${name}:${process.env[name]}`]);
  const child = spawn(process.execPath, [
    WRANGLER, 'dev', '-c', options.config, '--ip', options.host, '--port', String(port), '--inspector-port', String(await freePort()),
    '--show-interactive-dev-session=false', '--log-level', 'warn', '--persist-to', mkdtempSync(path.join(tmpdir(), 'tfa-wrangler-')), ...vars,
  ], {
    env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const url = `http://${options.host}:${port}`;
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    // wrangler starts workerd children: end the whole process group.
    process.kill(-child.pid!, 'SIGTERM');
  });
  process.once('exit', () => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } });
  await waitUntilServing(url, child);
  return { url, close: stop };
}

async function waitUntilServing(url: string, child: ReturnType<typeof spawn>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}; see its output above`);
    try {
      await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`wrangler dev did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
