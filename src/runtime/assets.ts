/** Serves a public or protected asset by URL, with a content type from its extension. */
import { getMimeType } from 'hono/utils/mime';
import type { AssetEntry } from './types';

export async function assetResponse(entry: AssetEntry): Promise<Response> {
  const bytes = await entry.read();
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { 'content-type': getMimeType(entry.route) ?? 'application/octet-stream' },
  });
}
