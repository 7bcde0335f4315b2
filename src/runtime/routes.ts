/**
 * The URL-reachable part of a project. Private functions and assets are never put in this table,
 * so no path trick can reach them; they exist only behind `Runtime.getFunctions()/getAssets()`.
 */
import type { AssetEntry, FunctionEntry } from './types';

export type Route =
  | { kind: 'function'; entry: FunctionEntry }
  | { kind: 'asset'; entry: AssetEntry };

/** Legacy Console convention: `/` falls back to the asset at `/assets/index.html` (B-6). */
export const ROOT_FALLBACK = '/assets/index.html';

export class RouteTable {
  private readonly byPath = new Map<string, Route>();

  constructor(functions: FunctionEntry[], assets: AssetEntry[]) {
    for (const entry of assets) this.add(entry.route, { kind: 'asset', entry }, entry.visibility);
    for (const entry of functions) this.add(entry.route, { kind: 'function', entry }, entry.visibility);
  }

  /** Finds the route for a request path as it appears in the URL (still percent-encoded). */
  match(encodedPath: string): Route | undefined {
    const path = decodePath(encodedPath);
    if (path === undefined) return undefined;
    return this.byPath.get(path) ?? (path === '/' ? this.byPath.get(ROOT_FALLBACK) : undefined);
  }

  private add(path: string, route: Route, visibility: string): void {
    if (visibility === 'private') return;
    this.byPath.set(path, route);
  }
}

/**
 * Decodes each segment once. Encoded separators, backslashes and NUL would let a path mean
 * something else on another layer, so such paths match nothing.
 */
export function decodePath(encodedPath: string): string | undefined {
  // Nothing to decode and no `.`/`..` segment: the split/decode/join below would return it as is.
  if (!/[%\\\0]|\/\.\.?(?:\/|$)/.test(encodedPath)) return encodedPath;
  try {
    const segments = encodedPath.split('/').map((segment) => decodeURIComponent(segment));
    if (segments.some((s) => /[/\\\0]/.test(s) || s === '.' || s === '..')) return undefined;
    return segments.join('/');
  } catch {
    return undefined;
  }
}
