/** The conformance suite against the built Worker, running in workerd through `wrangler dev`. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCli } from '../support/spawn-cli';
import { defineConformanceSuite } from './cases';
import { FIXTURE } from './target';

defineConformanceSuite({
  name: 'Cloudflare Worker in workerd',
  differences: { repeatedHeaders: 'comma-space' },
  async start(env) {
    const out = mkdtempSync(path.join(tmpdir(), 'tfa-worker-'));
    const cli = await startCli(['dev', '--target', 'cloudflare', '--project', FIXTURE, '--out', out, '--port', '0'], env);
    return { url: cli.url, publicUrl: (p) => `${cli.url}${p}`, output: cli.output, stop: cli.stop };
  },
});
