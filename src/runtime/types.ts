/**
 * Contracts of the platform-neutral runtime core. Everything here is plain data or Web standard
 * types, so the same core runs in Node, in a Lambda bundle and in workerd.
 */

import type { RuntimeResult } from './result';

export type { RuntimeResult } from './result';

export type Visibility = 'public' | 'protected' | 'private';

/** What a Twilio Function module exports. */
export interface HandlerModule {
  handler?: (context: any, event: any, callback: (err?: unknown, payload?: unknown) => void) => unknown;
}

/** One function of the project, as the platform supplies it to the core. */
export interface FunctionEntry {
  /** URL path, e.g. `/sms/reply` (B-2). */
  route: string;
  visibility: Visibility;
  /** Value of `Runtime.getFunctions()[key].path`; something `require()` can load on this platform. */
  path: string;
  /** Loads (or returns the cached) module; called on the first request that needs it. */
  load: () => HandlerModule | Promise<HandlerModule>;
  /** Execution limit for this function; falls back to `RuntimeConfig.timeoutMs`. */
  timeoutMs?: number;
  /** Extra HTTP methods this function accepts besides GET, POST and OPTIONS (B-10). */
  methods?: string[];
}

/** One asset of the project. */
export interface AssetEntry {
  /** URL path, keeps the extension (`/sub/data.json`). */
  route: string;
  visibility: Visibility;
  /** Value of `Runtime.getAssets()[route].path` (private assets only). */
  path: string;
  /** Bytes of the asset, for serving public and protected assets by URL. */
  read: () => Uint8Array | Promise<Uint8Array>;
  /** Synchronous UTF-8 contents, for `Runtime.getAssets()[k].open()` (private assets only). */
  open?: () => string;
}

export interface RuntimeConfig {
  /** Execution limit before a 504 (hosted Twilio: 10 s, B-66). */
  timeoutMs: number;
  /** Request body limit before a 413 (hosted: 6 MB, B-67). */
  maxBodyBytes: number;
  /** Public origin (and optional base path) Twilio calls, e.g. `https://abc.example.com`. */
  publicBaseUrl?: string;
  /** Honour X-Forwarded-Proto / X-Forwarded-Host when rebuilding the public URL. */
  trustProxy: boolean;
  /** Put stack traces in error bodies. Never on in production. */
  debug: boolean;
}

export interface RuntimeOptions {
  functions: FunctionEntry[];
  assets: AssetEntry[];
  /** Variables that reach `context` (and that the platform mirrors into `process.env`). */
  env: Record<string, string | undefined>;
  config?: Partial<RuntimeConfig>;
  /** Where the core writes its log lines (errors with stacks go here, never to the client). */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Per-request facts only the platform adapter knows. */
export interface FetchOptions {
  /** The URL the caller (Twilio) actually requested, when it differs from `request.url`
   * (API Gateway stages, custom domains). Used for signatures and `context.DOMAIN_NAME`. */
  publicUrl?: string;
  /** Header lines as received, so repeated headers become arrays in `event.request.headers` (B-22). */
  rawHeaders?: ReadonlyArray<readonly [string, string]>;
}

/** The part of `Headers` the core reads; a real `Headers` qualifies. */
export interface RuntimeHeaders {
  get(name: string): string | null;
  has(name: string): boolean;
  forEach(callback: (value: string, name: string) => void): void;
  entries(): IterableIterator<[string, string]>;
}

/**
 * The part of `Request` the core reads; a real `Request` qualifies. A host may pass the body as
 * bytes it already holds instead of a stream.
 */
export interface RuntimeRequest {
  url: string;
  method: string;
  headers: RuntimeHeaders;
  body: ReadableStream<Uint8Array> | Uint8Array | null;
}

export interface Runtime {
  /** Serves one request: route, check visibility and signature, run the function, map the callback. */
  fetch(request: Request, options?: FetchOptions): Promise<Response>;
  /**
   * Same as `fetch` without the Web types on either side, for hosts that can skip them (Node:
   * the Lambda adapter, the dev server); see src/runtime/result.ts for why. Optional so a test
   * double of the core may implement `fetch` only.
   */
  handle?(request: RuntimeRequest, options?: FetchOptions): Promise<RuntimeResult>;
  readonly config: RuntimeConfig;
}
