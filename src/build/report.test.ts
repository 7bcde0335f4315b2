import { describe, expect, it } from 'vitest';
import type { Manifest } from './manifest-types';
import { formatReport } from './report';

const manifest = (cloudflare: NonNullable<Manifest['targets']['cloudflare']>): Manifest => ({
  version: 1, project: { name: 'p', root: '/p' }, builtAt: '', durationMs: 2500,
  routes: [{ path: '/a', kind: 'function', visibility: 'public', source: 'functions/a.js', id: 'a' }],
  env: { names: [], secrets: [] }, targets: { cloudflare }, warnings: [],
});

describe('formatReport: the Worker against Cloudflare\'s limits', () => {
  const worker = { worker: 'cloudflare/worker/worker.js', wranglerConfig: 'c', assetsDir: 'a', bytes: 3.7 * 2 ** 20, gzipBytes: 440 * 1024 };

  it('prints the gzip size with its limits, the largest parts and the startup time', () => {
    const report = formatReport(manifest({
      ...worker,
      largestParts: [
        { name: 'twilio', kind: 'package', bytes: 3.1 * 2 ** 20 },
        { name: 'functions/api/report.js', kind: 'file', bytes: 120 * 1024 },
      ],
      startupMs: 240,
    }), 'dist');
    expect(report).toContain('  cloudflare: cloudflare/worker/worker.js 3788.8 KiB / 440.0 KiB gzip (limit 3 MiB gzip on Workers Free, 10 MiB on Paid)\n'
      + '  cloudflare: largest parts: twilio 3.1 MiB (84%), functions/api/report.js 120 KiB (3%)\n'
      + '  cloudflare: startup 240 ms in workerd (limit 1 s)');
    expect(report.split('\n').at(-1)).toBe('Built 1 functions and 0 assets for cloudflare into dist in 2.5 s; worker 440.0 KiB gzip, starts in 240 ms; 0 warnings.');
  });

  it('leaves the startup line out when the check was skipped', () => {
    const report = formatReport(manifest(worker), 'dist');
    expect(report).not.toMatch(/startup|starts in|largest parts/);
  });
});
