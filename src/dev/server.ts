/**
 * `tfa dev`: the project served by the runtime core on Hono's Node server, reloaded on every change.
 *
 * @example
 * const server = await startDevServer({ project: './my-project', port: 3000 });
 * // ... later
 * await server.close();
 */
import { watch, type FSWatcher } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { discoverProject, type Project } from '../project/discover';
import { projectEnv } from '../project/env';
import { createRuntime, type CoreRuntime } from '../runtime/runtime';
import { HeaderList } from '../runtime/header-list';
import { toWebResponse } from '../runtime/result';
import type { RuntimeRequest } from '../runtime/types';
import { forgetProjectModules, nodeEntries } from './node-entries';
import { runtimeConfig } from '../project/runtime-config';
import { headerPairs } from './raw-headers';

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

  const app = new Hono<{ Bindings: HttpBindings }>();
  app.all('*', async (c) => {
    const started = performance.now();
    const rawHeaders = headerPairs(c.env.incoming.rawHeaders);
    const result = await runtime.handle(lightRequest(c.req.raw, rawHeaders), { rawHeaders });
    const ms = (performance.now() - started).toFixed(0);
    const target = c.env.incoming.url ?? '/';
    const query = target.indexOf('?');
    log('info', `${c.req.method} ${query === -1 ? target : target.slice(0, query)} ${result.status} ${ms}ms`);
    // Without cookies a plain header record: @hono/node-server writes such a `Response` made from
    // a string or bytes straight to the socket (no `Headers`, no stream).
    return toWebResponse(result);
  });

  const { server, port } = await listen(app.fetch, options.port ?? 3000, options.host ?? '127.0.0.1');
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
 * What the core reads of @hono/node-server's lightweight request, without its costly parts:
 * - `raw.body` builds the full undici `Request` (with an AbortController) on every request; a
 *   GET/HEAD `Request` never has a body anyway, so those get none;
 * - `raw.headers` turns into a real `Headers` as soon as the core iterates it (header limits);
 *   a `HeaderList` from the raw lines has the same contents. Node's parser has already refused
 *   values `Headers` would refuse; should one get through, the request keeps `raw.headers`.
 */
function lightRequest(raw: Request, rawHeaders: Array<[string, string]>): RuntimeRequest {
  const { method, url } = raw;
  const body = method === 'GET' || method === 'HEAD' ? null : raw.body;
  const headers = new HeaderList();
  try {
    for (const [name, value] of rawHeaders) headers.append(name, value);
  } catch {
    return { method, url, headers: raw.headers, body };
  }
  return { method, url, headers, body };
}

/**
 * The default log. Request lines are written as one `console.info` per event-loop turn: one per
 * request cost about 10% of the CPU time of a request under load (a write syscall each). Warnings
 * and errors go out at once, after the lines before them.
 */
function batchedConsoleLog() {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('\n');
    pending = [];
    console.info(text);
  };
  process.on('exit', flush);
  const log: NonNullable<DevServerOptions['log']> = (level, message) => {
    if (level !== 'info') {
      flush();
      console[level](message);
      return;
    }
    if (pending.length === 0) setImmediate(flush);
    pending.push(message);
  };
  return { log, close: () => { flush(); process.off('exit', flush); } };
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number, hostname: string) {
  return new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, (info: AddressInfo) => resolve({ server, port: info.port }));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} is in use: pass --port with a free port`) : error);
    });
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
