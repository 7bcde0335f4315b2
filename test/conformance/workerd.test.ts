/** The conformance suite against the built Worker, running in workerd through `wrangler dev`. */
import path from 'node:path';
import { startCli } from '../support/spawn-cli';
import { tempProject } from '../support/temp-project';
import { defineConformanceSuite } from './cases';
import { FIXTURE } from './target';

defineConformanceSuite({
  name: 'Cloudflare Worker in workerd',
  differences: { repeatedHeaders: 'comma-space' },
  async start(env) {
    const out = tempProject({}, 'tfa-worker-');
    const cli = await startCli(['dev', '--target', 'cloudflare', '--project', FIXTURE, '--out', out, '--port', '0'], env);
    return { ...cli, publicUrl: (p) => `${cli.url}${p}` };
  },
});
