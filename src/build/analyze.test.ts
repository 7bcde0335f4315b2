import { describe, expect, it } from 'vitest';
import { tempProject } from '../../test/support/temp-project';
import { discoverProject } from '../project/discover';
import { dynamicRequireWarnings, nativeAddonWarnings } from './analyze';

describe('dynamic require warnings', () => {
  it('flags require(expression) with file and line, except paths from the Runtime client', () => {
    const root = tempProject({ 'functions/a.js': [
      "const auth = require(Runtime.getFunctions()['auth'].path);",
      'const helperPath = Runtime.getAssets()["/h.js"].path;',
      'const h = require(helperPath);',
      "const fixed = require('./fixed');",
      '// require(commented)',
      'const plugin = require(process.env.PLUGIN);',
      'exports.handler = () => require.resolve(name);',
    ].join('\n') }, 'tfa-analyze-');
    const warnings = dynamicRequireWarnings(discoverProject(root));
    expect(warnings).toEqual([
      expect.objectContaining({ file: 'functions/a.js', line: 6, message: expect.stringMatching(/^require\(process\.env\.PLUGIN\) is resolved only at run time/) }),
    ]);
  });
});

describe('native addon warnings', () => {
  it('names packages with binding.gyp among the bundled inputs', () => {
    const root = tempProject({ 'node_modules/fast-native/binding.gyp': '{}' }, 'tfa-native-');
    const metafile = { inputs: { 'node_modules/fast-native/index.js': { bytes: 1, imports: [] }, 'functions/a.js': { bytes: 1, imports: [] } }, outputs: {} };
    expect(nativeAddonWarnings(metafile, root)).toEqual([{ message: expect.stringMatching(/^fast-native contains a native addon/) }]);
  });
});
