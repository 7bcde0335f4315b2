import { describe, expect, it } from 'vitest';
import { bundledRuntimeOptions, lazyModule, projectVariables, type BundledProject } from './project';

describe('bundled project', () => {
  it('lazyModule evaluates once and rethrows a load error on every call', () => {
    let calls = 0;
    const ok = lazyModule(() => ({ n: ++calls }));
    expect(ok()).toBe(ok());
    expect(calls).toBe(1);
    const failing = lazyModule(() => {
      calls++;
      throw new Error('broken module');
    });
    expect(failing).toThrow('broken module');
    expect(failing).toThrow('broken module');
    expect(calls).toBe(2);
  });

  it('passes only project variables and control variables out of a platform environment', () => {
    expect(projectVariables({ GREETING: 'hi', HOME: '/root', AWS_REGION: 'x', TFA_DEBUG: '1' }, ['GREETING', 'MISSING']))
      .toEqual({ GREETING: 'hi', TFA_DEBUG: '1' });
  });

  it('describes functions and assets to the runtime core', async () => {
    const project: BundledProject = {
      name: 'p',
      functions: [
        { route: '/a', visibility: 'public', path: '/var/task/functions/a.js', load: () => ({ handler: () => {} }), timeoutMs: 5000 },
        { route: '/b', visibility: 'public', path: '/var/task/functions/b.js' },
      ],
      assets: [
        { route: '/data.json', visibility: 'private', path: '/var/task/assets/data.private.json' },
        { route: '/pub.txt', visibility: 'public', path: '/var/task/assets/pub.txt' },
      ],
      modules: {},
      files: { '/var/task/assets/data.private.json': { text: '{"x":1}' } },
      envNames: [],
      config: { timeoutSeconds: 3 },
    };
    const options = bundledRuntimeOptions(project, { env: { TFA_DEBUG: '1' }, readServedAsset: async (route) => new TextEncoder().encode(`served ${route}`) });
    expect(options.config).toMatchObject({ timeoutMs: 3000, debug: true });
    expect(options.functions[0].timeoutMs).toBe(5000);
    expect(() => options.functions[1].load()).toThrow(/not part of this bundle/);
    expect(options.assets[0].open!()).toBe('{"x":1}');
    expect(new TextDecoder().decode(await options.assets[1].read())).toBe('served /pub.txt');
  });
});
