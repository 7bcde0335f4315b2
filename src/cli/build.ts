/** `tfa build [--project DIR] [--out DIR] [--target aws|cloudflare|all] [--no-startup-check]` */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildProject } from '../build/build';
import { BuildError } from '../build/dependencies';
import type { Target } from '../build/esbuild-options';
import { ProjectError } from '../project/discover';

const HELP = `Usage: tfa build [options]

Bundles a Twilio Functions project for AWS Lambda and Cloudflare Workers and writes
<out>/manifest.json (read by the CDK app) with a report of every route.

  --project DIR   Twilio Functions project (default: current folder)
  --out DIR       Output folder (default: ./dist)
  --target T      aws, cloudflare or all (default: all)
  --no-startup-check
                  Skip loading the built Worker in workerd to measure its startup
                  against Cloudflare's 1 s limit (the check adds about 0.3 s)

Output:
  <out>/aws/functions/<id>/index.js   one Lambda per public/protected function (handler: index.handler)
  <out>/aws/functions/_assets/        the Lambda serving public and protected assets
  <out>/aws/assets/                   public and protected assets for S3
  <out>/cloudflare/worker/worker.js   one Worker for the project, beside it wrangler.json and assets/`;

const TARGETS: Record<string, Target[]> = { aws: ['aws'], cloudflare: ['cloudflare'], all: ['aws', 'cloudflare'] };

export async function buildCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      project: { type: 'string', default: '.' },
      out: { type: 'string' },
      target: { type: 'string', default: 'all' },
      'no-startup-check': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const targets = TARGETS[values.target!];
  if (!targets) {
    console.error(`tfa build: --target must be aws, cloudflare or all, got "${values.target}"`);
    return 1;
  }
  try {
    const { report } = await buildProject({
      project: values.project!,
      out: values.out ?? path.join(process.cwd(), 'dist'),
      targets,
      startupCheck: !values['no-startup-check'],
      progress: (message) => console.log(`tfa build: ${message}`),
    });
    console.log(`\n${report}`);
    return 0;
  } catch (error) {
    if (error instanceof BuildError || error instanceof ProjectError) {
      console.error(`tfa build: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
