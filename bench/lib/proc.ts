/** Child processes: timed one-shot node runs and long-running servers (stopped by process group). */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const running = new Set<ChildProcess>();
process.on('exit', () => { for (const child of running) killGroup(child); });

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface TimedRun {
  wallMs: number;
  stdout: string;
}

/** Runs `node ...args` to completion; wall time covers spawn to exit. Rejects on a non-zero exit. */
export function timedNode(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code === 0) resolve({ wallMs, stdout });
      else reject(new Error(`node ${args.join(' ')} exited with ${code}: ${(stderr || stdout).trim().slice(-1500)}`));
    });
  });
}

export interface Server {
  url: string;
  pid: number;
  log: string;
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr go to this file, so request logs cost the load generator nothing. */
  log: string;
  /** Matched against the log; group 1, if any, is the URL. */
  ready: RegExp;
  /** Used when `ready` has no URL group. */
  url?: string;
  timeoutMs?: number;
}

/** Starts a server in its own process group and resolves once its log matches `ready`. */
export async function startServer(options: ServerOptions): Promise<Server> {
  mkdirSync(path.dirname(options.log), { recursive: true });
  const fd = openSync(options.log, 'w');
  const child = spawn(options.command, options.args, {
    cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', fd, fd], detached: true,
  });
  closeSync(fd);
  running.add(child);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => child.once('close', (code) => { exitCode = code; running.delete(child); resolve(); }));
  const output = () => { try { return readFileSync(options.log, 'utf8'); } catch { return ''; } };
  const server: Server = {
    url: options.url ?? '',
    pid: child.pid!,
    log: options.log,
    output,
    stop: async () => {
      killGroup(child);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30000);
  for (;;) {
    const match = options.ready.exec(output());
    if (match) {
      if (match[1]) server.url = match[1];
      return server;
    }
    const why = exitCode !== undefined ? `exited with ${exitCode} before it was ready` : Date.now() > deadline ? 'not ready in time' : '';
    if (why) {
      await server.stop();
      throw new Error(`${path.basename(options.args[0] ?? options.command)} ${options.args.slice(1).join(' ')}: ${why}\n${output().trim().slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
