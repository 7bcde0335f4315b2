import { describe, expect, it } from 'vitest';
import {
  VIRTUAL_REQUIRE_HOOK, embeddedBytes, embeddedText, isEmbedded, registerBundledFiles, registerBundledModules, virtualPathOf, virtualRequire,
} from './virtual-files';

registerBundledFiles({
  '/var/task/assets/data.private.json': { text: '{"a":1}' },
  '/var/task/assets/beep.private.mp3': { base64: Buffer.from([0xff, 0xfb, 0x90, 0x00]).toString('base64') },
});
let loads = 0;
registerBundledModules({ '/var/task/functions/auth.private.js': () => ({ loads: ++loads }) });

describe('virtual files', () => {
  it('normalises string paths and file: URLs, and ignores relative paths', () => {
    expect(virtualPathOf('/var/task/functions/../assets/./data.private.json')).toBe('/var/task/assets/data.private.json');
    expect(virtualPathOf(new URL('file:///var/task/a%20b.txt'))).toBe('/var/task/a b.txt');
    expect(virtualPathOf('file:///var/task/x.txt')).toBe('/var/task/x.txt');
    expect(virtualPathOf('assets/data.json')).toBeUndefined();
    expect(virtualPathOf(3)).toBeUndefined();
  });

  it('serves embedded text and binary files', () => {
    expect(embeddedText('/var/task/assets/data.private.json')).toBe('{"a":1}');
    expect([...embeddedBytes('/var/task/assets/beep.private.mp3')!]).toEqual([0xff, 0xfb, 0x90, 0x00]);
    expect(embeddedBytes('/var/task/assets/missing.txt')).toBeUndefined();
    expect(isEmbedded('/var/task/assets/data.private.json')).toBe(true);
    expect(isEmbedded('/var/task/functions/auth.private')).toBe(true);
    expect(isEmbedded('/etc/hosts')).toBe(false);
  });

  it('requires virtual modules by path, with or without extension, and JSON files once', () => {
    expect(virtualRequire('/var/task/functions/auth.private.js')).toEqual({ exports: { loads: 1 } });
    expect(virtualRequire('/var/task/functions/auth.private')).toEqual({ exports: { loads: 2 } });
    const json = virtualRequire('/var/task/assets/data.private.json')!.exports;
    expect(json).toEqual({ a: 1 });
    expect(virtualRequire('/var/task/assets/data.private.json')!.exports).toBe(json);
    expect(virtualRequire('crypto')).toBeUndefined();
    expect(virtualRequire('node:process')!.exports).toBe(process);
  });

  it('installs the hook the bundle banner calls', () => {
    const hook = (globalThis as Record<symbol, unknown>)[VIRTUAL_REQUIRE_HOOK] as typeof virtualRequire;
    expect(hook('/var/task/assets/data.private.json')).toEqual({ exports: { a: 1 } });
  });
});
