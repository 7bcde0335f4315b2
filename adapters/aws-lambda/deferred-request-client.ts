/**
 * twilio's `RequestClient`, loaded on first use rather than with the REST client.
 *
 * `twilio/lib/rest/Twilio` (and `require('twilio')`) require `lib/base/RequestClient` as they
 * load, and with it axios, https-proxy-agent, qs and jsonwebtoken: about 95 % of the ~200 ms the
 * REST client takes to load on a cold start. A client from `context.getTwilioClient()` never uses
 * it (it gets the fetch-based `httpClient`), and `twilio(sid, token)` only creates one for its
 * first request. So the module cache gets a stand-in for the class first; whatever touches it
 * (`new`, a static, `instanceof`, `extends`) loads the real class and is handed on to it.
 */
type NodeRequire = typeof require;
type Constructor = new (...args: unknown[]) => unknown;

export const REQUEST_CLIENT = 'twilio/lib/base/RequestClient';

/** Majors whose RequestClient module is `module.exports = class` (checked for 3 to 6). */
const KNOWN_MAJORS = /^[3-6]\./;

/**
 * Installs the stand-in in `platformRequire`'s module cache, unless the module is already loaded,
 * cannot be found, or belongs to a twilio major not known to export it the same way.
 */
export function deferRequestClient(platformRequire: NodeRequire): void {
  let file: string;
  let version: unknown;
  try {
    file = platformRequire.resolve(REQUEST_CLIENT);
    // <twilio>/lib/base/RequestClient.js → <twilio>/package.json
    version = (platformRequire(file.replace(/lib[\\/]base[\\/]RequestClient\.js$/, 'package.json')) as { version?: unknown }).version;
  } catch {
    return;
  }
  const cache = platformRequire.cache;
  if (cache[file] || typeof version !== 'string' || !KNOWN_MAJORS.test(version)) return;

  // A strict-mode function as the Proxy target: constructible, and its `prototype` is writable,
  // so it can take the real one's without breaking the Proxy invariants.
  const target = function RequestClient() { 'use strict'; } as unknown as Constructor;
  let real: Constructor | undefined;
  const load = (): Constructor => {
    if (real) return real;
    // The real module loads with the stand-in's record briefly out of the cache, which then gets
    // it back: every `require` of the module returns one and the same class, before and after.
    const standInRecord = cache[file];
    delete cache[file];
    try {
      real = platformRequire(file) as Constructor;
    } finally {
      cache[file] = standInRecord;
    }
    for (const key of Reflect.ownKeys(real)) {
      if (key !== 'prototype') Object.defineProperty(target, key, Reflect.getOwnPropertyDescriptor(real, key)!);
    }
    target.prototype = real.prototype;
    return real;
  };
  const standIn: Constructor = new Proxy(target, {
    // TypeScript's `__importDefault` reads this while twilio loads; the real module (`export =`)
    // has none, so answering does not need the real class.
    get: (t, key) => (key === '__esModule' ? undefined : (load(), Reflect.get(t, key))),
    construct: (_t, args, newTarget): object =>
      Reflect.construct(load(), args, newTarget === standIn ? load() : newTarget),
    apply: (_t, self, args) => Reflect.apply(load(), self, args),
    has: (t, key) => (load(), Reflect.has(t, key)),
    ownKeys: (t) => (load(), Reflect.ownKeys(t)),
    getOwnPropertyDescriptor: (t, key) => (load(), Reflect.getOwnPropertyDescriptor(t, key)),
    set: (t, key, value) => (load(), Reflect.set(real!, key, value) && Reflect.set(t, key, value)),
  });

  const Module = platformRequire('node:module') as unknown as new (id: string) => NodeJS.Module;
  const record = new Module(file);
  record.filename = file;
  record.loaded = true;
  record.exports = standIn;
  cache[file] = record;
}
