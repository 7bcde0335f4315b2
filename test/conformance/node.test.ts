import { defineConformanceSuite } from './cases';
import { FIXTURE } from './target';
import { startCli } from '../support/spawn-cli';

defineConformanceSuite({
  name: 'local dev server (tfa dev)',
  async start(env) {
    const cli = await startCli(['dev', '--project', FIXTURE, '--port', '0'], env);
    return { ...cli, publicUrl: (path) => `${cli.url}${path}` };
  },
});
