/** `tfa dev [--project DIR] [--port 3000] [--public-url URL] [--target node|aws|cloudflare]` */
import { parseArgs } from 'node:util';
import { startDevServer } from '../dev/server';
import { formatRouteTable } from '../dev/route-table';
import { logFunctionCrashes, untilStopped } from '../dev/process';

const HELP = `Usage: tfa dev [options]

  --project DIR      Twilio Functions project to serve (default: current folder)
  --port N           Port to listen on (default: 3000)
  --host HOST        Interface to bind (default: 127.0.0.1)
  --public-url URL   Public base URL Twilio calls (e.g. an ngrok URL), for signatures and DOMAIN_NAME
  --env FILE         Environment file (default: .env in the project)
  --target T         node (default), aws (built Lambda bundles) or cloudflare (built Worker in workerd)
  --event-format F   with --target aws: v2 (default), v1, function-url, alb or alb-multi
  --out DIR          with --target aws|cloudflare: build output folder (default: dist)`;

export async function devCommand(args: string[]): Promise<number | void> {
  const { values } = parseArgs({
    args,
    options: {
      project: { type: 'string', default: '.' },
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      'public-url': { type: 'string' },
      env: { type: 'string' },
      target: { type: 'string', default: 'node' },
      'event-format': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);
  if (values.target !== 'node') {
    const { startTargetDevServer } = require('../dev/targets') as typeof import('../dev/targets');
    await startTargetDevServer({ target: values.target!, project: values.project!, port, host: values.host!, out: values.out, eventFormat: values['event-format'] });
    return;
  }

  logFunctionCrashes();

  const server = await startDevServer({ project: values.project!, port, host: values.host, publicUrl: values['public-url'], envFile: values.env });
  const project = server.project();
  console.log(`tfa dev: serving ${project.name} (${project.root})`);
  console.log(formatRouteTable(project, server.url));
  console.log(`\nListening on ${server.url} — edits are picked up without a restart. Ctrl+C to stop.`);
  await untilStopped();
  await server.close();
}
