/**
 * The conformance suite against the built Lambda bundles, invoked with the events each AWS
 * front end sends: REST API (v1), HTTP API (v2), Function URL and ALB in both header modes.
 */
import path from 'node:path';
import { LOCAL_STAGE, type EventFormat } from '../../src/dev/aws-host';
import { startCli } from '../support/spawn-cli';
import { tempProject } from '../support/temp-project';
import { defineConformanceSuite } from './cases';
import { FIXTURE, type Differences } from './target';

const FUNCTION_URL_PUBLIC = 'https://abc.lambda-url.us-east-1.on.aws';

const formats: Array<{ format: EventFormat; name: string; publicBase: (url: string) => string; differences?: Differences }> = [
  { format: 'v2', name: 'HTTP API (payload 2.0)', publicBase: (url) => `https://${new URL(url).host}`, differences: { repeatedHeaders: 'comma' } },
  { format: 'v1', name: 'REST API (payload 1.0)', publicBase: (url) => `https://${new URL(url).host}/${LOCAL_STAGE}` },
  { format: 'function-url', name: 'Function URL', publicBase: () => FUNCTION_URL_PUBLIC, differences: { repeatedHeaders: 'comma' } },
  { format: 'alb-multi', name: 'ALB, multi-value headers', publicBase: (url) => `https://${new URL(url).host}` },
  { format: 'alb', name: 'ALB, single-value headers', publicBase: (url) => `https://${new URL(url).host}`, differences: { repeatedHeaders: 'last', repeatedQuery: 'last', singleSetCookie: true } },
];

for (const { format, name, publicBase, differences } of formats) {
  defineConformanceSuite({
    name: `Lambda bundles via ${name}`,
    differences,
    async start(env) {
      const out = tempProject({}, `tfa-lambda-${format}-`);
      const cli = await startCli(['dev', '--target', 'aws', '--event-format', format, '--project', FIXTURE, '--out', out, '--port', '0'], env);
      return { ...cli, publicUrl: (p) => `${publicBase(cli.url)}${p}` };
    },
  });
}
