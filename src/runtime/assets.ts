/** Serves a public or protected asset by URL, with a content type from its extension. */
import { getMimeType } from 'hono/utils/mime';
import type { RuntimeResult } from './result';
import type { AssetEntry } from './types';

export async function assetResponse(entry: AssetEntry): Promise<RuntimeResult> {
  // A copy, as `new Response(bytes)` makes one: the entry may hand out a cached buffer.
  const bytes = new Uint8Array(await entry.read());
  return { status: 200, headers: { 'content-type': getMimeType(entry.route) ?? 'application/octet-stream' }, cookies: [], body: bytes };
}
