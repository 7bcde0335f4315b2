/**
 * `X-Twilio-Signature` checks for protected functions and assets (B-35, B-36, section 11), done by
 * twilio's own `validateRequest` family so every URL variant Twilio accepts is accepted here.
 */
import { webhooks } from './twilio-lib';
import type { ParsedBody } from './body';
import type { Env } from './context';
import type { RuntimeHeaders } from './types';

export const UNAUTHORIZED_MESSAGE = 'Unauthorized - you are not authenticated to perform this request';

export type SignatureResult = { ok: true } | { ok: false; reason: string };

/**
 * @param publicUrl the URL Twilio requested (scheme, host, path and query as it sent them)
 * @param body the parsed body; form parameters are signed, JSON bodies via `bodySHA256`
 */
export function checkSignature(headers: RuntimeHeaders, publicUrl: string, body: ParsedBody, env: Env): SignatureResult {
  const signature = headers.get('x-twilio-signature');
  if (!signature) return { ok: false, reason: 'missing X-Twilio-Signature header' };

  const lib = webhooks();
  const settings = headers.get('x-twilio-webhooks-signature-settings');
  const algorithm: string = settings ? lib.getSignatureAlgorithm(settings) : lib.HMAC_SHA1;
  // Webhook Rules with a SharedKey sign with that key; classic webhooks with the Auth Token.
  const key = algorithm === lib.HMAC_SHA256 && env.TWILIO_WEBHOOK_SHARED_KEY ? env.TWILIO_WEBHOOK_SHARED_KEY : env.AUTH_TOKEN;
  if (!key) return { ok: false, reason: 'AUTH_TOKEN is not set, so no signature can be valid' };

  const valid = new URL(publicUrl).searchParams.has('bodySHA256')
    ? lib.validateRequestWithBody(key, signature, publicUrl, new TextDecoder().decode(body.raw), algorithm)
    : lib.validateRequest(key, signature, publicUrl, body.kind === 'form' ? body.params : {}, algorithm);
  return valid ? { ok: true } : { ok: false, reason: 'X-Twilio-Signature does not match the request' };
}
