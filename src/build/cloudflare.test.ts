import { describe, expect, it } from 'vitest';
import type { Project } from '../project/discover';
import type { BuildContext } from './context';
import { sizeWarnings, startupWarnings, wranglerConfig, workerName } from './cloudflare';

function context(protectedAssets: number): BuildContext {
  const file = (route: string, visibility: 'public' | 'protected' | 'private') => ({ route, visibility, file: '', source: '', id: '' });
  const project = {
    name: '@acme/My Twilio App', root: '/p', config: {},
    functions: [file('/sms', 'public'), file('/auth', 'private')],
    assets: [file('/index.html', 'public'), ...Array.from({ length: protectedAssets }, (_, n) => file(`/p${n}.txt`, 'protected'))],
  } as Project;
  return {
    project, outDir: '/out', envNames: ['GREETING', 'AUTH_TOKEN', 'STRIPE_KEY'], envValues: { GREETING: 'hi', AUTH_TOKEN: 'tok', STRIPE_KEY: 'sk' },
    secretNames: ['ACCOUNT_SID', 'AUTH_TOKEN', 'STRIPE_KEY'], twilio: { dir: '', version: '6', fromProject: false }, progress: () => {},
  };
}

describe('wrangler config', () => {
  it('keeps secrets out of vars and runs the Worker first only for protected assets', () => {
    const config = wranglerConfig(context(2));
    expect(config).toMatchObject({
      name: 'acme-my-twilio-app', main: 'worker/worker.js', compatibility_date: '2026-04-01', compatibility_flags: ['nodejs_compat'], no_bundle: true,
      assets: { directory: 'assets', binding: 'ASSETS', html_handling: 'none', run_worker_first: ['/p0.txt', '/p1.txt'] },
      vars: { GREETING: 'hi' },
    });
  });

  it('falls back to running the Worker first everywhere beyond wrangler\'s 100 rules, and not at all without protected assets', () => {
    expect((wranglerConfig(context(101)).assets as { run_worker_first: unknown }).run_worker_first).toBe(true);
    expect((wranglerConfig(context(0)).assets as { run_worker_first: unknown }).run_worker_first).toBe(false);
  });

  it('derives a valid Worker name', () => {
    expect(workerName('@scope/Voice IVR!')).toBe('scope-voice-ivr');
    expect(workerName('---')).toBe('twilio-functions');
    expect(workerName('x'.repeat(80))).toHaveLength(63);
  });
});

describe('limit warnings', () => {
  const parts = [
    { name: 'big-sdk', kind: 'package' as const, bytes: 30 * 2 ** 20 },
    { name: 'functions/data.js', kind: 'file' as const, bytes: 2 * 2 ** 20 },
  ];
  const total = 34 * 2 ** 20;

  it('names the package that dominates an oversized Worker and what to do', () => {
    expect(sizeWarnings(2 * 2 ** 20, parts, total)).toEqual([]);
    expect(sizeWarnings(4 * 2 ** 20, parts, total)).toEqual([{
      target: 'cloudflare',
      message: 'worker.js is 4.00 MiB gzip, over the 3 MiB Workers Free limit (Paid allows 10 MiB); the largest part is big-sdk (30.0 MiB, 88% of worker.js before gzip): '
        + 'drop or replace big-sdk, or require only the files you use (deep imports such as twilio/lib/twiml/VoiceResponse instead of the whole package)',
    }]);
    const [paid] = sizeWarnings(11 * 2 ** 20, [parts[1], parts[0]], total);
    expect(paid.message).toMatch(/^worker\.js is 11\.00 MiB gzip, over the 10 MiB Workers Paid limit; the largest part is functions\/data\.js \(2\.0 MiB, 6% of worker\.js before gzip\): move the data in functions\/data\.js into a public or protected asset/);
  });

  it('warns near and over the 1 s startup limit, naming the largest part', () => {
    expect(startupWarnings(800, parts, total)).toEqual([]);
    expect(startupWarnings(850, parts, total)[0].message).toMatch(/^the Worker took 850 ms to start in workerd, close to Cloudflare's 1 s startup limit \(measured on this machine.*\); the largest part is big-sdk \(30\.0 MiB, 88% of worker\.js before gzip\): drop or replace big-sdk/);
    expect(startupWarnings(1200, parts, total)[0].message).toMatch(/over Cloudflare's 1 s startup limit, so the deploy will likely be rejected/);
  });
});
