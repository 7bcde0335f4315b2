import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encode } from '@jridgewell/sourcemap-codec';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { TOOL_ROOT } from './dependencies';
import { addRuntimeSourceMap, type LambdaRuntime } from './lambda-runtime';

describe('the Lambda runtime script', () => {
  it('has no arrow function that uses this or arguments, so compiling arrows as functions changes nothing', async () => {
    const { outputFiles } = await build({
      entryPoints: [path.join(TOOL_ROOT, 'adapters/aws-lambda/runtime-exports.ts')],
      bundle: true, write: false, platform: 'node', format: 'iife', external: ['twilio', 'twilio/*', '@aws-sdk/*'],
      supported: { arrow: false },
    });
    // esbuild keeps such an arrow's `this` and `arguments` in `_this` / `_arguments` variables.
    expect(outputFiles[0]!.text).not.toMatch(/\b_(this|arguments)\d*\b/);
  });

  // A bundle as esbuild writes it: two banner lines, the runtime's two lines, then its own code,
  // which its map places after the (unmapped) banner.
  const runtime: LambdaRuntime = {
    code: 'var __tfaRuntime=(()=>{\nreturn 1})();\n',
    map: { version: 3, sources: ['/tfa/src/runtime/runtime.ts'], names: ['run'], mappings: encode([[[0, 0, 10, 2, 0]], [[0, 0, 11, 4]]]) },
  };
  function bundle(ownLines: Parameters<typeof encode>[0]): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'tfa-runtime-map-'));
    const file = path.join(dir, 'index.js');
    writeFileSync(file, `var a = 1;\nvar b = 2;\n${runtime.code}exports.handler = 1;\n//# sourceMappingURL=index.js.map\n`);
    writeFileSync(`${file}.map`, JSON.stringify({ version: 3, sources: ['functions/hello.js'], names: ['handler'], mappings: encode(ownLines) }));
    return file;
  }

  it('merges the runtime map into the lines the bundle map leaves to the banner', () => {
    const file = bundle([[], [], [], [], [[0, 0, 0, 0, 0]]]);
    addRuntimeSourceMap(file, runtime);
    const map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    expect(map.findEntry(2, 0)).toMatchObject({ originalSource: '/tfa/src/runtime/runtime.ts', originalLine: 10, originalColumn: 2, name: 'run' });
    expect(map.findEntry(3, 0)).toMatchObject({ originalSource: '/tfa/src/runtime/runtime.ts', originalLine: 11 });
    expect(map.findEntry(4, 0)).toMatchObject({ originalSource: 'functions/hello.js', originalLine: 0, name: 'handler' });
  });

  it('refuses a bundle without the runtime script, or whose map claims its lines', () => {
    const other: LambdaRuntime = { ...runtime, code: 'var __tfaRuntime=2;\n' };
    expect(() => addRuntimeSourceMap(bundle([]), other)).toThrow(/does not contain the Lambda runtime script/);
    expect(() => addRuntimeSourceMap(bundle([[], [], [[0, 0, 0, 0]]]), runtime)).toThrow(/maps line 3, which the runtime script fills/);
  });
});
