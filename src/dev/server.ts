/**
 * `tfa dev`: the project served by the runtime core on `node:http` (through adapters/node), reloaded
 * on every change.
 *
 * @example
 * const server = await startDevServer({ project: './my-project', port: 3000 });
 * // ... later
 * await server.close();
 */
import { watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toRuntimeRequest, writeResult } from '../../adapters/node/http';
import { discoverProject, type Project } from '../project/discover';
import { projectEnv } from '../project/env';
import { errorResponse, HttpError, httpErrorResponse } from '../runtime/errors';
import { createRuntime, type CoreRuntime } from '../runtime/runtime';
import { forgetProjectModules, nodeEntries } from './node-entries';
import { runtimeConfig } from '../project/runtime-config';

export interface DevServerOptions {
  project: string;
  port?: number;
  host?: string;
  publicUrl?: string;
  envFile?: string;
  /** Log lines go here (default: stdout/stderr). */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  watch?: boolean;
}

export interface DevServer {
  url: string;
  project: () => Project;
  close(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const batched = options.log ? undefined : batchedConsoleLog();
  const log = options.log ?? batched!.log;
  let generation = 0;
  let project = discoverProject(options.project);
  let runtime = build();

  function build(): CoreRuntime {
    const env = projectEnv(project.root, options.envFile);
    // Hosted code reads process.env as well as context (B-30).
    Object.assign(process.env, env);
    return createRuntime({
      ...nodeEntries(project, generation),
      env,
      config: runtimeConfig(project.config, env, { publicBaseUrl: options.publicUrl }),
      log,
    });
  }

  function reload(): void {
    generation += 1;
    forgetProjectModules(project.root);
    try {
      project = discoverProject(options.project);
      runtime = build();
    } catch (error) {
      log('error', `Reload failed, still serving the previous version: ${(error as Error).message}`);
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    let status: number;
    try {
      const request = toRuntimeRequest(req);
      const result = await runtime.handle(request, { rawHeaders: request.rawHeaders });
      writeResult(res, result);
      status = result.status;
    } catch (error) {
      // The same one-line JSON errors as the core's; details of an unexpected one only in the log.
      const answer = error instanceof HttpError ? httpErrorResponse(error) : errorResponse(500, 'Internal error');
      if (answer.status === 500) log('error', `Internal error: ${(error as Error)?.stack ?? error}`);
      if (res.headersSent) res.destroy();
      else writeResult(res, answer);
      status = answer.status;
    }
    const target = req.url ?? '/';
    const query = target.indexOf('?');
    log('info', `${req.method} ${query === -1 ? target : target.slice(0, query)} ${status} ${Math.round(performance.now() - started)}ms`);
  }

  const { server, port } = await listen(serve, options.port ?? 3000, options.host ?? '127.0.0.1');
  const watchers = options.watch === false ? [] : watchProject(project, debounce(reload, 50));
  return {
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : (options.host ?? 'localhost')}:${port}`,
    project: () => project,
    close: async () => {
      batched?.close();
      for (const watcher of watchers) watcher.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The default log. Request lines are collected and written at most every 20 ms in one write:
 * under load, one `console.info` per event-loop turn cost about 3 % of a request's instructions
 * (5k of 169k, counted with valgrind), and a person reading the log does not see 20 ms. Warnings
 * and errors go out at once, after the lines before them.
 */
function batchedConsoleLog() {
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending === '') return;
    process.stdout.write(pending);
    pending = '';
  };
  process.on('exit', flush);
  const log: NonNullable<DevServerOptions['log']> = (level, message) => {
    if (level !== 'info') {
      flush();
      console[level](message);
      return;
    }
    pending += `${message}\n`;
    timer ??= setTimeout(flush, 20);
  };
  return { log, close: () => { flush(); process.off('exit', flush); } };
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>, port: number, hostname: string) {
  return new Promise<{ server: Server; port: number }>((resolve, reject) => {
    const server = createServer((req, res) => void handler(req, res));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} is in use: pass --port with a free port`) : error);
    });
    server.listen(port, hostname, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

function watchProject(project: Project, onChange: () => void): FSWatcher[] {
  const dirs = [project.functionsDir, project.assetsDir].filter((d): d is string => Boolean(d));
  const watchers = dirs.map((dir) => watch(dir, { recursive: true }, onChange));
  watchers.push(watch(project.root, (_event, file) => {
    if (file === '.env' || file === 'tfa.config.json') onChange();
  }));
  return watchers;
}

function debounce(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
