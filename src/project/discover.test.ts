import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject as project } from '../../test/support/temp-project';
import { discoverProject } from './discover';
import { projectEnv } from './env';

describe('discoverProject (B-1…B-5)', () => {
  it('derives routes and visibility from file names', () => {
    const root = project({
      'functions/hello.js': '', 'functions/nested/deep.js': '', 'functions/prot.protected.js': '', 'functions/helper.private.js': '',
      'functions/with space.js': '', 'functions/index.js': '', 'functions/typed.ts': '', 'functions/esm.mjs': '', 'functions/types.d.ts': '',
      'functions/notes.md': '', 'functions/.DS_Store': '',
      'assets/sub/data.private.json': '{}', 'assets/sec.protected.txt': '', 'assets/style.css': '',
    });
    const found = discoverProject(root);
    expect(found.functions.map((f) => [f.route, f.visibility])).toEqual([
      ['/esm', 'public'], ['/hello', 'public'], ['/helper', 'private'], ['/index', 'public'], ['/nested/deep', 'public'],
      ['/prot', 'protected'], ['/typed', 'public'], ['/with-space', 'public'],
    ]);
    expect(found.assets.map((a) => [a.route, a.visibility])).toEqual([['/sec.txt', 'protected'], ['/style.css', 'public'], ['/sub/data.json', 'private']]);
    expect(found.functions.find((f) => f.route === '/nested/deep')).toMatchObject({ source: 'functions/nested/deep.js', id: 'nested-deep' });
  });

  it('falls back to src/ and static/', () => {
    const found = discoverProject(project({ 'src/a.js': '', 'static/b.txt': '' }));
    expect([found.functions[0].route, found.assets[0].route]).toEqual(['/a', '/b.txt']);
  });

  it('rejects duplicates and paths Twilio refuses, naming the files', () => {
    expect(() => discoverProject(project({ 'functions/a.js': '', 'functions/a.protected.js': '' }))).toThrow(
      'Duplicate. Path /a already exists (functions/a.js and functions/a.protected.js)',
    );
    expect(() => discoverProject(project({ 'functions/a:b.js': '' }))).toThrow(/functions\/a:b.js: path \/a:b is not allowed/);
  });

  it('explains what is missing', () => {
    expect(() => discoverProject(project({ 'README.md': '' }))).toThrow(/No functions\/ or assets\/ folder/);
  });
});

describe('projectEnv (B-26, B-30)', () => {
  it('reads .env and the control variables of the shell only', () => {
    const root = project({ '.env': 'A=1\nACCOUNT_SID=AC1\n# comment\nQUOTED="x y"\n' });
    expect(projectEnv(root, undefined, { HOME: '/root', TWILIO_API_BASE_URL: 'http://127.0.0.1:1' })).toEqual({
      A: '1', ACCOUNT_SID: 'AC1', QUOTED: 'x y', TWILIO_API_BASE_URL: 'http://127.0.0.1:1',
    });
  });
});
