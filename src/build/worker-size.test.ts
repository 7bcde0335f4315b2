import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { adviceFor, bundleParts, ENTRY_PART, formatParts, partOf, TFA_PART } from './worker-size';

// Paths as esbuild writes them: relative to absWorkingDir (the project root).
const roots = { projectRoot: '/srv/apps/voice', toolRoot: '/srv/tfa' };

const metafile = {
  inputs: {
    '../../tfa/node_modules/twilio/lib/rest/Twilio.js': { bytes: 9000, imports: [] },
  },
  outputs: {
    '../../../tmp/out/cloudflare/worker/worker.js.map': { bytes: 99_999, inputs: {}, imports: [], exports: [] },
    '../../../tmp/out/cloudflare/worker/worker.js': {
      bytes: 6000,
      entryPoint: 'tfa-entry:worker',
      imports: [],
      exports: ['default'],
      inputs: {
        '../../tfa/node_modules/twilio/lib/rest/Twilio.js': { bytesInOutput: 3000 },
        '../../tfa/node_modules/twilio/lib/twiml/VoiceResponse.js': { bytesInOutput: 1000 },
        '../../tfa/node_modules/axios/dist/browser/axios.cjs': { bytesInOutput: 500 },
        'node_modules/@acme/sdk/dist/index.js': { bytesInOutput: 250 },
        'node_modules/@acme/sdk/lib/extra.js': { bytesInOutput: 150 },
        // A copy nested inside another package counts for the innermost package.
        'node_modules/@acme/sdk/node_modules/inner/index.js': { bytesInOutput: 300 },
        'functions/api/report.js': { bytesInOutput: 200 },
        'functions/hello.js': { bytesInOutput: 50 },
        'functions/tree-shaken.js': { bytesInOutput: 0 },
        '../../tfa/src/runtime/runtime.ts': { bytesInOutput: 120 },
        'tfa-fs:fs': { bytesInOutput: 10 },
        'tfa-entry:worker': { bytesInOutput: 80 },
      },
    },
  },
} as unknown as Metafile;

describe('bundleParts', () => {
  it('groups the bytes that land in worker.js by package, project file, tfa runtime and entry, largest first', () => {
    expect(bundleParts(metafile, roots)).toEqual([
      { name: 'twilio', kind: 'package', bytes: 4000 },
      { name: 'axios', kind: 'package', bytes: 500 },
      { name: '@acme/sdk', kind: 'package', bytes: 400 },
      { name: 'inner', kind: 'package', bytes: 300 },
      { name: 'functions/api/report.js', kind: 'file', bytes: 200 },
      { name: TFA_PART, kind: 'tfa', bytes: 130 },
      { name: ENTRY_PART, kind: 'entry', bytes: 80 },
      { name: 'functions/hello.js', kind: 'file', bytes: 50 },
    ]);
  });

  it('falls back to the inputs\' source bytes when the metafile has no outputs', () => {
    expect(bundleParts({ inputs: metafile.inputs, outputs: {} }, roots)).toEqual([{ name: 'twilio', kind: 'package', bytes: 9000 }]);
  });

  it('classifies paths: scoped packages, project files, tool files, plugin namespaces', () => {
    expect(partOf('node_modules/@scope/name/a/b.js', roots)).toEqual({ name: '@scope/name', kind: 'package' });
    expect(partOf('../../tfa/node_modules/debug/src/browser.js', roots)).toEqual({ name: 'debug', kind: 'package' });
    expect(partOf('lib/shared.js', roots)).toEqual({ name: 'lib/shared.js', kind: 'file' });
    expect(partOf('../../tfa/adapters/cloudflare/worker.ts', roots)).toEqual({ name: TFA_PART, kind: 'tfa' });
    expect(partOf('tfa-twilio-missing:twilio/lib/x', roots)).toEqual({ name: TFA_PART, kind: 'tfa' });
    expect(partOf('tfa-entry:worker', roots)).toEqual({ name: ENTRY_PART, kind: 'entry' });
  });
});

describe('formatParts', () => {
  it('prints name, size and share of the bundle', () => {
    const parts = [{ name: 'twilio', bytes: 3.1 * 2 ** 20 }, { name: 'functions/api/report.js', bytes: 120 * 1024 }, { name: 'tiny', bytes: 2000 }];
    expect(formatParts(parts, 3.7 * 2 ** 20)).toBe('twilio 3.1 MiB (84%), functions/api/report.js 120 KiB (3%), tiny 2.0 KiB (<1%)');
    expect(formatParts(parts, 3.7 * 2 ** 20, 1)).toBe('twilio 3.1 MiB (84%)');
  });

  it('says what to do about each kind of part', () => {
    expect(adviceFor({ name: 'moment', kind: 'package', bytes: 1 })).toMatch(/drop or replace moment/);
    expect(adviceFor({ name: 'functions/data.js', kind: 'file', bytes: 1 })).toMatch(/functions\/data\.js .*asset/);
    expect(adviceFor({ name: ENTRY_PART, kind: 'entry', bytes: 1 })).toMatch(/private assets/);
  });
});
