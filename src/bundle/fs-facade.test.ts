import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fs, fsPromises } from './fs-facade';
import { registerBundledFiles } from './virtual-files';

const MP3 = Buffer.from([0x49, 0x44, 0x33, 0xff, 0xfb]);
registerBundledFiles({
  '/bundle/assets/note.private.txt': { text: 'héllo' },
  '/bundle/assets/beep.private.mp3': { base64: MP3.toString('base64') },
});
const realDir = mkdtempSync(path.join(tmpdir(), 'tfa-fs-'));
const realFile = path.join(realDir, 'real.txt');
writeFileSync(realFile, 'from disk');
afterAll(() => rmSync(realDir, { recursive: true, force: true }));

describe('fs facade', () => {
  it('readFileSync returns a fresh Buffer, or a string with an encoding', () => {
    const bytes = fs.readFileSync('/bundle/assets/beep.private.mp3') as Buffer;
    expect(Buffer.isBuffer(bytes) && bytes.equals(MP3)).toBe(true);
    bytes[0] = 0;
    expect((fs.readFileSync('/bundle/assets/beep.private.mp3') as Buffer)[0]).toBe(0x49);
    expect(fs.readFileSync('/bundle/assets/note.private.txt', 'utf8')).toBe('héllo');
    expect(fs.readFileSync('/bundle/assets/note.private.txt', { encoding: 'base64' })).toBe(Buffer.from('héllo').toString('base64'));
  });

  it('readFile calls back asynchronously, with and without options', async () => {
    let sync = true;
    const text = await new Promise((resolve, reject) => {
      fs.readFile('/bundle/assets/note.private.txt', 'utf8', (err, data) => (err ? reject(err) : resolve(data)));
      sync = false;
    });
    expect(sync).toBe(false);
    expect(text).toBe('héllo');
    const bytes = await new Promise<Buffer>((resolve) => fs.readFile('/bundle/assets/beep.private.mp3', (_err, data) => resolve(data as Buffer)));
    expect(bytes.equals(MP3)).toBe(true);
  });

  it('promises.readFile and access serve embedded files', async () => {
    expect(await fs.promises.readFile('/bundle/assets/note.private.txt', 'utf8')).toBe('héllo');
    expect(await fsPromises.readFile('/bundle/assets/note.private.txt', { encoding: 'utf8' })).toBe('héllo');
    await expect(fsPromises.access('/bundle/assets/note.private.txt')).resolves.toBeUndefined();
  });

  it('existsSync knows embedded files', () => {
    expect(fs.existsSync('/bundle/assets/note.private.txt')).toBe(true);
    expect(fs.existsSync('/bundle/assets/other.txt')).toBe(false);
  });

  it('stat, lstat and their sync and promise forms describe embedded files as read-only regular files', async () => {
    const byCallback = await new Promise<any>((resolve, reject) => {
      fs.stat('/bundle/assets/beep.private.mp3', (err, stats) => (err ? reject(err) : resolve(stats)));
    });
    for (const stats of [
      fs.statSync('/bundle/assets/note.private.txt'), fs.lstatSync('/bundle/assets/note.private.txt'),
      await fsPromises.stat('/bundle/assets/note.private.txt'), await fs.promises.lstat('/bundle/assets/note.private.txt'),
    ]) {
      expect(stats).toMatchObject({ size: Buffer.byteLength('héllo'), mode: 0o100444 });
      expect([stats.isFile(), stats.isDirectory(), stats.isSymbolicLink()]).toEqual([true, false, false]);
      expect(stats.mtime.toISOString()).toBe('1980-01-01T00:00:00.000Z');
    }
    expect(byCallback.size).toBe(MP3.length);
    expect(() => fs.statSync('/bundle/assets/other.txt')).toThrow(/ENOENT/);
    await expect(fsPromises.stat('/bundle/assets/other.txt')).rejects.toThrow(/ENOENT/);
  });

  it('delegates every other path and function to the real fs', async () => {
    expect(fs.readFileSync(realFile, 'utf8')).toBe('from disk');
    expect(await fs.promises.readFile(realFile, 'utf8')).toBe('from disk');
    expect(await new Promise((resolve) => fs.readFile(realFile, 'utf8', (_e, d) => resolve(d)))).toBe('from disk');
    expect(fs.existsSync(realFile)).toBe(true);
    expect(() => fs.readFileSync('/bundle/assets/other.txt')).toThrow(/ENOENT/);
    expect(typeof fs.writeFileSync).toBe('function');
    expect(fs.statSync(realFile).size).toBe(9);
    expect((await fsPromises.lstat(realFile)).isFile()).toBe(true);
    expect(await new Promise((resolve) => fs.lstat(realFile, (_e, stats) => resolve(stats?.size)))).toBe(9);
  });
});
