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

export const fsPromises = { ...realFs.promises, readFile: readFilePromise, access };

/** Spread rather than a prototype chain, so `Object.keys(fs)` and destructuring behave as usual. */
export const fs = { ...realFs, readFileSync, readFile, existsSync, promises: fsPromises };

