/** Starts `tfa` as a real child process and waits for the URL it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const TFA = path.join(REPO_ROOT, 'bin/tfa.cjs');

export interface RunningCli {
  url: string;
  stop(): Promise<void>;
}

const READY = /Listening on (http:\/\/\S+)/;

export function startCli(args: string[], env: Record<string, string> = {}): Promise<RunningCli> {
  const child = spawn(process.execPath, [TFA, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Kept for the error message while starting; later output is read (so the pipes never fill) and dropped.
  let output = '';
  let ready = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`tfa ${args.join(' ')} did not start in time:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      if (ready) return;
      output += chunk.toString();
      const match = READY.exec(output);
      if (match) {
        ready = true;
        clearTimeout(timer);
        resolve({ url: match[1], stop: () => stop(child) });
      }
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop(child);
      reject(error);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`tfa ${args.join(' ')} exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve();
    }
  });
}
