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
import { createRuntime } from '../runtime/runtime';
import type { Runtime } from '../runtime/types';
import { forgetProjectModules, nodeEntries } from './node-entries';
import { runtimeConfig } from './runtime-config';
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
  const log = options.log ?? ((level, message) => console[level](message));
  let generation = 0;
  let project = discoverProject(options.project);
  let runtime = build();

  function build(): Runtime {
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
    const response = await runtime.fetch(c.req.raw, { rawHeaders: headerPairs(c.env.incoming.rawHeaders) });
    const ms = (performance.now() - started).toFixed(0);
    log('info', `${c.req.method} ${new URL(c.req.url).pathname} ${response.status} ${ms}ms`);
    return response;
  });

  const { server, port } = await listen(app.fetch, options.port ?? 3000, options.host ?? '127.0.0.1');
  const watchers = options.watch === false ? [] : watchProject(project, debounce(reload, 50));
  return {
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : (options.host ?? 'localhost')}:${port}`,
    project: () => project,
    close: async () => {
      for (const watcher of watchers) watcher.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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
