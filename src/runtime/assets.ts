/** Serves a public or protected asset by URL, with a content type from its extension. */
import { getMimeType } from 'hono/utils/mime';
import type { RuntimeResult } from './result';
import type { AssetEntry } from './types';

export async function assetResponse(entry: AssetEntry): Promise<RuntimeResult> {
  // No copy: nothing downstream writes to a result body, so a cached buffer may be handed out.
  const bytes = await entry.read();
  return { status: 200, headers: { 'content-type': getMimeType(entry.route) ?? 'application/octet-stream' }, cookies: [], body: bytes };
}
