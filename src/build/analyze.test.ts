import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverProject } from '../project/discover';
import { dynamicRequireWarnings, nativeAddonWarnings } from './analyze';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('dynamic require warnings', () => {
  it('flags require(expression) with file and line, except paths from the Runtime client', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tfa-analyze-'));
    roots.push(root);
    mkdirSync(path.join(root, 'functions'));
    writeFileSync(path.join(root, 'functions/a.js'), [
      "const auth = require(Runtime.getFunctions()['auth'].path);",
      'const helperPath = Runtime.getAssets()["/h.js"].path;',
      'const h = require(helperPath);',
      "const fixed = require('./fixed');",
      '// require(commented)',
      'const plugin = require(process.env.PLUGIN);',
      'exports.handler = () => require.resolve(name);',
    ].join('\n'));
    const warnings = dynamicRequireWarnings(discoverProject(root));
    expect(warnings).toEqual([
      expect.objectContaining({ file: 'functions/a.js', line: 6, message: expect.stringMatching(/^require\(process\.env\.PLUGIN\) is resolved only at run time/) }),
    ]);
  });
});

describe('native addon warnings', () => {
  it('names packages with binding.gyp among the bundled inputs', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tfa-native-'));
    roots.push(root);
    mkdirSync(path.join(root, 'node_modules/fast-native'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules/fast-native/binding.gyp'), '{}');
    const metafile = { inputs: { 'node_modules/fast-native/index.js': { bytes: 1, imports: [] }, 'functions/a.js': { bytes: 1, imports: [] } }, outputs: {} };
    expect(nativeAddonWarnings(metafile, root)).toEqual([{ message: expect.stringMatching(/^fast-native contains a native addon/) }]);
  });
});
