/** Serves a public or protected asset by URL, with a content type from its extension. */
import type { RuntimeResult } from './result';
import type { AssetEntry } from './types';

type Mime = typeof import('hono/utils/mime');

// Loaded on the first asset: its table of types is 1.3 KB that every cold start would otherwise
// parse and build, asset or not (loading it lazily saves 0.24M of the 158M instructions of a
// Lambda hello function's cold start).
let mime: Mime | undefined;

export async function assetResponse(entry: AssetEntry): Promise<RuntimeResult> {
  // No copy: nothing downstream writes to a result body, so a cached buffer may be handed out.
  const bytes = await entry.read();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mime ??= require('hono/utils/mime') as Mime;
  return { status: 200, headers: { 'content-type': mime.getMimeType(entry.route) ?? 'application/octet-stream' }, cookies: [], body: bytes };
}
