/**
 * `tfa dev --target aws|cloudflare`: build the project for that target, then serve the built
 * artefact the way the platform would run it.
 */
import path from 'node:path';
import type { Manifest } from '../build/manifest-types';
import { EVENT_FORMATS, startAwsHost, type EventFormat } from './aws-host';
import { logFunctionCrashes, untilStopped } from './process';

export interface TargetDevOptions {
  target: string;
  project: string;
  port: number;
  host: string;
  out?: string;
  eventFormat?: string;
}

type Host = { url: string; close(): Promise<void> };

export async function startTargetDevServer(options: TargetDevOptions): Promise<void> {
  const out = path.resolve(options.out ?? 'dist');
  const { target, what, start } = targetHost(options, out);
  const { buildProject } = require('../build/build') as typeof import('../build/build');
  const { manifest, report } = await buildProject({ project: options.project, out, targets: [target], progress: console.log });
  console.log(report);
  const host = await start(manifest);
  console.log(`\nServing ${what} from ${out}.`);
  console.log(`Listening on ${host.url} — rebuild to pick up edits. Ctrl+C to stop.`);
  await untilStopped();
  await host.close();
}

/** Checks the options before anything is built. */
function targetHost(options: TargetDevOptions, out: string): { target: 'aws' | 'cloudflare'; what: string; start: (m: Manifest) => Promise<Host> } {
  if (options.target === 'aws') {
    const format = (options.eventFormat ?? 'v2') as EventFormat;
    if (!EVENT_FORMATS.includes(format)) throw new Error(`--event-format must be one of ${EVENT_FORMATS.join(', ')}`);
    return {
      target: 'aws',
      what: `the built Lambda bundles as ${format} events`,
      start: async (manifest) => {
        // The bundles run in this process.
        logFunctionCrashes();
        return startAwsHost({ out, manifest, port: options.port, host: options.host, eventFormat: format });
      },
    };
  }
  if (options.target === 'cloudflare') {
    return {
      target: 'cloudflare',
      what: 'the built Worker in workerd',
      start: (manifest) => {
        const { startWorkerHost } = require('./worker-host') as typeof import('./worker-host');
        return startWorkerHost({ config: path.join(out, manifest.targets.cloudflare!.wranglerConfig), port: options.port, host: options.host });
      },
    };
  }
  throw new Error(`--target must be node, aws or cloudflare, got "${options.target}"`);
}
