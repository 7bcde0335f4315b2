/**
 * The virtual file system of a bundle: private assets embedded as data, private modules as
 * lazily evaluated functions, both keyed by the paths `Runtime.getAssets()` / `getFunctions()`
 * hand out. Workers have no files and a Lambda bundle no longer has the sources, so
 * `require(path)` and `fs.readFileSync(path)` are answered from here (see fs-facade.ts and the
 * `require` the bundle banner defines, src/build/esbuild-options.ts).
 */
import { Buffer } from 'node:buffer';
import { posix } from 'node:path';

/** Text files stay readable in the bundle; anything that is not valid UTF-8 is base64. */
export type EmbeddedFile = { text: string } | { base64: string };

/** Global the banner's `require` consults before the platform's own `require`. */
export const VIRTUAL_REQUIRE_HOOK = Symbol.for('tfa.virtualRequire');

const files = new Map<string, EmbeddedFile>();
const decoded = new Map<string, Uint8Array>();
const modules = new Map<string, () => unknown>();
const jsonModules = new Map<string, unknown>();
let beforePlatformRequire: ((id: string) => void) | undefined;
/** `require(path)` also finds a module without its extension, like Node does. */
const EXTENSIONS = ['', '.js', '.cjs', '.mjs', '.ts', '.json'];

export function registerBundledFiles(map: Record<string, EmbeddedFile>): void {
  for (const [path, file] of Object.entries(map)) files.set(path, file);
}

export function registerBundledModules(map: Record<string, () => unknown>): void {
  for (const [path, load] of Object.entries(map)) modules.set(path, load);
  (globalThis as Record<symbol, unknown>)[VIRTUAL_REQUIRE_HOOK] = virtualRequire;
}

/** Absolute POSIX path of a string or `file:` URL argument; anything else is not ours. */
export function virtualPathOf(target: unknown): string | undefined {
  let path: string | undefined;
  if (typeof target === 'string') path = target.startsWith('file://') ? decodeURIComponent(new URL(target).pathname) : target;
  else if (target instanceof URL && target.protocol === 'file:') path = decodeURIComponent(target.pathname);
  return path?.startsWith('/') ? posix.normalize(path) : undefined;
}

export function isEmbedded(target: unknown): boolean {
  const path = virtualPathOf(target);
  return path !== undefined && (files.has(path) || moduleKey(path) !== undefined);
}

/** Bytes of an embedded file (a shared copy: callers that hand it out must copy). */
export function embeddedBytes(target: unknown): Uint8Array | undefined {
  const path = virtualPathOf(target);
  const file = path === undefined ? undefined : files.get(path);
  if (!path || !file) return undefined;
  let bytes = decoded.get(path);
  if (!bytes) {
    bytes = 'text' in file ? new TextEncoder().encode(file.text) : new Uint8Array(Buffer.from(file.base64, 'base64'));
    decoded.set(path, bytes);
  }
  return bytes;
}

export function embeddedText(target: unknown): string | undefined {
  const path = virtualPathOf(target);
  const file = path === undefined ? undefined : files.get(path);
  if (!file) return undefined;
  return 'text' in file ? file.text : Buffer.from(file.base64, 'base64').toString('utf8');
}

/**
 * Sets (or, with undefined, clears) what runs just before the bundle's `require` hands an id to the
 * platform's own `require` (the Lambda adapter defers part of twilio there, see
 * adapters/aws-lambda/deferred-request-client.ts).
 */
export function onPlatformRequire(listener: ((id: string) => void) | undefined): void {
  beforePlatformRequire = listener;
}

/** `{ exports }` of a virtual module, or undefined so the caller falls back to the platform `require`. */
export function virtualRequire(id: string): { exports: unknown } | undefined {
  // workerd's createRequire knows no `process` module; Node's returns the global anyway.
  if (id === 'process' || id === 'node:process') return { exports: globalThis.process };
  const path = virtualPathOf(id);
  const key = path === undefined ? undefined : moduleKey(path);
  if (key !== undefined) return { exports: modules.get(key)!() };
  const file = path === undefined ? undefined : files.get(path);
  if (file && path!.endsWith('.json')) {
    // Like Node, every require of the same JSON file returns the same object.
    if (!jsonModules.has(path!)) jsonModules.set(path!, JSON.parse(embeddedText(path)!));
    return { exports: jsonModules.get(path!) };
  }
  beforePlatformRequire?.(id);
  return undefined;
}

function moduleKey(path: string): string | undefined {
  for (const extension of EXTENSIONS) {
    if (modules.has(path + extension)) return path + extension;
  }
  return undefined;
}
