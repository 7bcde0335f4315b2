/**
 * Cloudflare Workers adapter: one Worker serves the whole project.
 *
 * @example  (the entry `tfa build` generates, src/build/entry.ts)
 * export default createWorker(bundledProject);
 *
 * The runtime is created on the first request, because bindings (`env`) only arrive with a
 * request; each function module is evaluated on its first request too, which keeps the Worker's
 * startup (limited to 1 s) short. Public and protected assets are read through the ASSETS binding;
 * private ones are embedded in the bundle.
 */
import { createRuntime } from '../../src/runtime/runtime';
import type { Runtime } from '../../src/runtime/types';
import { bundledRuntimeOptions, type BundledProject } from '../../src/bundle/project';

/** Static assets binding (`[assets] binding = "ASSETS"` in the wrangler config). */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

export type WorkerEnv = Record<string, unknown> & { ASSETS?: AssetsBinding };

export interface TwilioFunctionsWorker {
  fetch(request: Request, env: WorkerEnv, ctx?: unknown): Promise<Response>;
}

export function createWorker(project: BundledProject): TwilioFunctionsWorker {
  let runtime: Runtime | undefined;
  return {
    // `ctx.waitUntil` is deliberately unused: hosted Twilio ends a function's work at callback.
    async fetch(request, env) {
      runtime ??= createRuntime(bundledRuntimeOptions(project, {
        env: stringBindings(env),
        readServedAsset: (route) => readAsset(env, route),
      }));
      return runtime.fetch(request);
    },
  };
}

/** Vars and secrets are strings; other bindings (ASSETS, KV…) are not variables. */
function stringBindings(env: WorkerEnv): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') variables[name] = value;
  // nodejs_compat already fills process.env from bindings; this keeps it true without that flag.
  if (typeof process !== 'undefined' && process.env) Object.assign(process.env, variables);
  return variables;
}

async function readAsset(env: WorkerEnv, route: string): Promise<Uint8Array> {
  if (!env.ASSETS) throw new Error('No ASSETS binding: add [assets] with binding = "ASSETS" to the wrangler config');
  const response = await env.ASSETS.fetch(new Request(new URL(route, 'https://assets.local')));
  if (!response.ok) throw new Error(`Asset ${route} is missing from the ASSETS binding (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}
