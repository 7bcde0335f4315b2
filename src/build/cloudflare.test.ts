import { describe, expect, it } from 'vitest';
import type { Project } from '../project/discover';
import type { BuildContext } from './context';
import { wranglerConfig, workerName } from './cloudflare';

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
