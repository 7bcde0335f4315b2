/**
 * `tfa dev --target aws|cloudflare`: build the project for that target, then serve the built
 * artefact the way the platform would run it.
 */
import path from 'node:path';
import { EVENT_FORMATS, startAwsHost, type EventFormat } from './aws-host';

export interface TargetDevOptions {
  target: string;
  project: string;
  port: number;
  host: string;
  out?: string;
  eventFormat?: string;
}

export async function startTargetDevServer(options: TargetDevOptions): Promise<void> {
  const out = path.resolve(options.out ?? 'dist');
  const { buildProject } = require('../build/build') as typeof import('../build/build');
  if (options.target === 'aws') {
    const format = (options.eventFormat ?? 'v2') as EventFormat;
    if (!EVENT_FORMATS.includes(format)) throw new Error(`--event-format must be one of ${EVENT_FORMATS.join(', ')}`);
    console.log((await buildProject({ project: options.project, out, targets: ['aws'], progress: console.log })).report);
    process.on('uncaughtException', (error) => console.error(`Uncaught exception in a function: ${error.stack ?? error}`));
    process.on('unhandledRejection', (reason) => console.error(`Unhandled rejection in a function: ${(reason as Error)?.stack ?? reason}`));
    const host = await startAwsHost({ out, port: options.port, host: options.host, eventFormat: format });
    console.log(`\nServing the built Lambda bundles from ${out} as ${format} events.`);
    console.log(`Listening on ${host.url} — rebuild to pick up edits. Ctrl+C to stop.`);
    await untilStopped();
    await host.close();
    return;
  }
  if (options.target === 'cloudflare') {
    console.log((await buildProject({ project: options.project, out, targets: ['cloudflare'], progress: console.log })).report);
    const { startWorkerHost } = require('./worker-host') as typeof import('./worker-host');
    const host = await startWorkerHost({ out, port: options.port, host: options.host });
    console.log(`\nServing the built Worker from ${out} in workerd.`);
    console.log(`Listening on ${host.url} — rebuild to pick up edits. Ctrl+C to stop.`);
    await untilStopped();
    await host.close();
    return;
  }
  throw new Error(`--target must be node, aws or cloudflare, got "${options.target}"`);
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
}
