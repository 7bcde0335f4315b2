/**
 * The `fs` and `fs/promises` that project code gets inside a bundle: the platform's module, except
 * that reads of embedded private assets (by their `Runtime.getAssets()` path) are served from the
 * bundle. The build redirects `fs`, `node:fs`, `fs/promises` and `node:fs/promises` imports of
 * project files here (src/build/virtual-files.ts); dependencies keep the real module.
 */
import { Buffer } from 'node:buffer';
import * as realFs from 'node:fs';
import { embeddedBytes, isEmbedded } from './virtual-files';

type Options = BufferEncoding | { encoding?: BufferEncoding | null; flag?: string } | null | undefined;
type Callback = (error: NodeJS.ErrnoException | null, data?: string | Buffer) => void;

/** Contents of an embedded file as Node would return them (a fresh Buffer, or a string with an encoding). */
function readEmbedded(target: unknown, options: Options): string | Buffer | undefined {
  const bytes = embeddedBytes(target);
  if (!bytes) return undefined;
  const buffer = Buffer.from(bytes);
  const encoding = typeof options === 'string' ? options : options?.encoding;
  return encoding ? buffer.toString(encoding) : buffer;
}

function readFileSync(target: unknown, options?: Options): string | Buffer {
  return readEmbedded(target, options) ?? (realFs.readFileSync as (...args: unknown[]) => string | Buffer)(target, options);
}

function readFile(target: unknown, optionsOrCallback: Options | Callback, maybeCallback?: Callback): void {
  const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback) as Callback;
  const options = typeof optionsOrCallback === 'function' ? undefined : optionsOrCallback;
  const data = readEmbedded(target, options);
  if (data === undefined) {
    (realFs.readFile as (...args: unknown[]) => void)(target, ...(options === undefined ? [] : [options]), callback);
    return;
  }
  // Asynchronous like the real one: the callback never runs before readFile returns.
  setTimeout(() => callback(null, data), 0);
}

async function readFilePromise(target: unknown, options?: Options): Promise<string | Buffer> {
  return readEmbedded(target, options) ?? (realFs.promises.readFile as (...args: unknown[]) => Promise<string | Buffer>)(target, options);
}

function existsSync(target: unknown): boolean {
  return isEmbedded(target) || realFs.existsSync(target as string);
}

async function access(target: unknown, mode?: number): Promise<void> {
  if (!isEmbedded(target)) return realFs.promises.access(target as string, mode);
}

/** The time stamps of files in a CDK asset zip, which normalises them for reproducible builds. */
const ZIP_EPOCH = Date.UTC(1980, 0, 1);

/** What `stat` reports for an embedded file: a regular read-only file of its size. */
function embeddedStats(size: number): realFs.Stats {
  const no = () => false;
  return {
    dev: 0, ino: 0, mode: 0o100444, nlink: 1, uid: 0, gid: 0, rdev: 0, size, blksize: 4096, blocks: Math.ceil(size / 512),
    atimeMs: ZIP_EPOCH, mtimeMs: ZIP_EPOCH, ctimeMs: ZIP_EPOCH, birthtimeMs: ZIP_EPOCH,
    atime: new Date(ZIP_EPOCH), mtime: new Date(ZIP_EPOCH), ctime: new Date(ZIP_EPOCH), birthtime: new Date(ZIP_EPOCH),
    isFile: () => true, isDirectory: no, isSymbolicLink: no, isBlockDevice: no, isCharacterDevice: no, isFIFO: no, isSocket: no,
  };
}

function statOf(target: unknown): realFs.Stats | undefined {
  const bytes = embeddedBytes(target);
  return bytes ? embeddedStats(bytes.byteLength) : undefined;
}

type StatCallback = (error: NodeJS.ErrnoException | null, stats?: realFs.Stats) => void;
type AnyFn = (...args: any[]) => any;

/** `statSync` / `lstatSync`: embedded files first, then the real call. */
const syncStat = (real: AnyFn) => (target: unknown, options?: object): realFs.Stats => statOf(target) ?? real(target, options);

/** `stat` / `lstat` with a callback, asynchronous like the real ones. */
const callbackStat = (real: AnyFn) => (target: unknown, optionsOrCallback: object | StatCallback, maybeCallback?: StatCallback): void => {
  const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback) as StatCallback;
  const stats = statOf(target);
  if (stats) setTimeout(() => callback(null, stats), 0);
  else real(target, ...(typeof optionsOrCallback === 'function' ? [] : [optionsOrCallback]), callback);
};

/** `promises.stat` / `promises.lstat`. */
const promiseStat = (real: AnyFn) => async (target: unknown, options?: object): Promise<realFs.Stats> => statOf(target) ?? real(target, options);

export const fsPromises = {
  ...realFs.promises, readFile: readFilePromise, access,
  stat: promiseStat(realFs.promises.stat), lstat: promiseStat(realFs.promises.lstat),
};

/** Spread rather than a prototype chain, so `Object.keys(fs)` and destructuring behave as usual. */
export const fs = {
  ...realFs, readFileSync, readFile, existsSync, promises: fsPromises,
  statSync: syncStat(realFs.statSync), lstatSync: syncStat(realFs.lstatSync),
  stat: callbackStat(realFs.stat), lstat: callbackStat(realFs.lstat),
};

