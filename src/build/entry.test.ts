import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test/support/temp-project';
import { discoverProject } from '../project/discover';
import { lambdaEntries, virtualPath, workerEntry } from './entry';

function project() {
  return discoverProject(tempProject({
    'functions/a.js': 'exports.handler = () => {};',
    'functions/b.protected.js': 'exports.handler = () => {};',
    'functions/auth.private.js': 'exports.x = 1;',
    'assets/notes.private.txt': 'plain text',
    'assets/beep.private.mp3': Buffer.from([0xff, 0xfb, 0x00, 0x80]),
    'assets/utils.private.js': 'exports.y = 2;',
    'assets/pub.txt': 'public',
    'tfa.config.json': JSON.stringify({ functions: { '/a': { timeoutSeconds: 4, methods: ['put'] } } }),
  }));
}

describe('entry generation', () => {
  const p = project();
  const a = p.functions.find((f) => f.route === '/a')!;

  it('uses virtual paths that mirror the source layout', () => {
    expect(virtualPath('aws', a)).toBe('/var/task/functions/a.js');
    expect(virtualPath('cloudflare', a)).toBe('/bundle/functions/a.js');
  });

  it('a Lambda evaluates its own function and the private ones, and embeds private assets', () => {
    const source = lambdaEntries(p, ['GREETING'])(a);
    expect(source).toContain(`require(${JSON.stringify(a.file)})`);
    expect(source).toContain(`require(${JSON.stringify(path.join(p.root, 'functions/auth.private.js'))})`);
    expect(source).not.toContain(`require(${JSON.stringify(path.join(p.root, 'functions/b.protected.js'))})`);
    expect(source).toContain('route: "/b", visibility: "protected", path: "/var/task/functions/b.protected.js" }');
    expect(source).toContain('"/var/task/assets/notes.private.txt": { text: "plain text" }');
    expect(source).toContain(`"/var/task/assets/beep.private.mp3": { base64: "${Buffer.from([0xff, 0xfb, 0x00, 0x80]).toString('base64')}" }`);
    expect(source).toContain(`"/var/task/assets/utils.private.js": lazyModule(() => require(${JSON.stringify(path.join(p.root, 'assets/utils.private.js'))}))`);
    expect(source).toContain('timeoutMs: 4000, methods: ["PUT"]');
    expect(source).not.toContain('/pub.txt');
    expect(source).toContain('exports.handler = lambdaHandlerFor(');
  });

  it('the assets Lambda lists public and protected assets', () => {
    expect(lambdaEntries(p, [])()).toContain('route: "/pub.txt", visibility: "public"');
  });

  it('the Worker evaluates every function', () => {
    const source = workerEntry(p, []);
    for (const fn of p.functions) expect(source).toContain(`require(${JSON.stringify(fn.file)})`);
    expect(source).toContain('"/bundle/assets/notes.private.txt"');
    expect(source).toContain('export default createWorker(');
  });
});
