import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test/support/http-client';
import { tempProject } from '../../test/support/temp-project';
import type { Manifest, ManifestRoute } from '../build/manifest-types';
import { startAwsHost } from './aws-host';

// Hand-written Lambda bundles, so the host is tested on results our own bundles never produce.
const BUNDLES = {
  'aws/functions/raw/index.js': `exports.handler = async () => ({
    statusCode: 200,
    headers: { 'content-type': 'text/plain', 'Content-Length': '999', 'transfer-encoding': 'chunked', connection: 'close' },
    body: 'framed',
    isBase64Encoded: false,
  });`,
  'aws/functions/broken/index.js': `exports.handler = async () => { throw new Error('secret detail'); };`,
};

const route = (id: string): ManifestRoute => ({
  path: `/${id}`, kind: 'function', visibility: 'public', source: `functions/${id}.js`, id, bundles: { aws: `aws/functions/${id}` },
});

describe('tfa dev --target aws host', () => {
  let host: { url: string; close(): Promise<void> };
  const lines: string[] = [];

  beforeAll(async () => {
    const root = tempProject(BUNDLES, 'tfa-aws-host-');
    const manifest = { version: 1, project: { name: 'p', root }, builtAt: '', routes: [route('raw'), route('broken')] } as unknown as Manifest;
    host = await startAwsHost({ out: root, manifest, port: 0, host: '127.0.0.1', eventFormat: 'v2', log: (line) => lines.push(line) });
  });
  afterAll(() => host?.close());

  it('frames a Lambda result itself, whatever Content-Length or Transfer-Encoding it names', async () => {
    const res = await rawRequest(host.url, '/raw');
    expect([res.status, res.text(), res.headers['content-length']]).toEqual([200, 'framed', '6']);
    expect(res.headers).not.toHaveProperty('transfer-encoding');
    expect(res.headers['content-type']).toBe('text/plain');
  });

  it('answers a failed invocation with a generic 500, logs the error and keeps serving', async () => {
    const res = await rawRequest(host.url, '/broken');
    expect([res.status, res.json()]).toEqual([500, { message: 'Internal Server Error' }]);
    expect(res.text()).not.toContain('secret detail');
    expect(lines.join('\n')).toMatch(/Invocation failed: Error: secret detail/);
    expect(lines).toContainEqual(expect.stringMatching(/^GET \/broken 500 \d+ms$/));
    expect((await rawRequest(host.url, '/raw')).status).toBe(200);
  });
});
