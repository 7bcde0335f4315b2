import { describe, expect, it } from 'vitest';
import { checkSignature } from './signature';
import { parseBody } from './body';

// Vectors from twilio-node's validation spec and Twilio's webhook security docs.
const URL_V = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const V1 = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const V2 = { ...V1, Caller: '+14158675309', From: '+14158675309' };

function form(params: Record<string, string | string[]>) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const item of [v].flat()) search.append(k, item);
  return parseBody(new TextEncoder().encode(search.toString()), 'application/x-www-form-urlencoded');
}

function check(signature: string, url: string, body = form({}), extra: Record<string, string> = {}, env: Record<string, string> = { AUTH_TOKEN: '12345' }) {
  return checkSignature(new Headers({ 'x-twilio-signature': signature, ...extra }), url, body, env).ok;
}

describe('checkSignature', () => {
  it('V1: the docs example', () => expect(check('0/KCTR6DLpKmkAf8muzZqo1nDgQ=', URL_V, form(V1))).toBe(true));

  it('V2: port variants', () => {
    expect(check('RSOYDt4T1cUTdK1PDd93/VVr8B8=', URL_V, form(V2))).toBe(true);
    expect(check('kvajT1Ptam85bY51eRf/AJRuM3w=', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', form(V2))).toBe(true);
    expect(check('0ZXoZLH/DfblKGATFgpif+LLRf4=', 'http://mycompany.com:80/myapp.php?foo=1&bar=2', form(V2))).toBe(true);
    expect(check('RSOYDt4T1cUTdK1PDd93/VVr8B8=', 'https://mycompany.com:1234/myapp.php?foo=1&bar=2', form(V2))).toBe(true);
  });

  it('V3: JSON body with bodySHA256, and a tampered body fails', () => {
    const body = '{"property": "value", "boolean": true}';
    const url = `${URL_V}&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620`;
    const json = (text: string) => parseBody(new TextEncoder().encode(text), 'application/json');
    expect(check('a9nBmqA0ju/hNViExpshrM61xv4=', url, json(body))).toBe(true);
    expect(check('a9nBmqA0ju/hNViExpshrM61xv4=', url, json('{"property": "other"}'))).toBe(false);
  });

  it('V4: repeated parameters in any order', () => {
    expect(check('83O6e2vORAoJHUNzJjDWN1jz+BA=', URL_V, form({ 'MessagingBinding.Address': ['+1415xxxxxxx', '+1325xxxxxxx'] }))).toBe(true);
    expect(check('IK+Dwps556ElfBT0I3Rgjkr1wJU=', URL_V, form({ Sid: 'CA123', SidAccount: 'AC123', Digits: ['5678', '1234', '1234'] }))).toBe(true);
  });

  it('accepts the URL as Twilio encoded it when the request URL encodes a quote differently', () => {
    // n+BX… is the signature of the %27 form; the request arrives with a literal quote.
    expect(check('n+BXpEY3Iv2Ct88CbH/HDj5Jh+s=', `${URL_V}&Body=It's+amazing`)).toBe(true);
  });

  it('HMAC-SHA256 with the settings header', () => {
    const settings = { 'x-twilio-webhooks-signature-settings': 'key=k1,algorithm=HMAC_SHA256' };
    expect(check('Rmm4Vzj+Ky7JGoWXMCsZDZuHDszLr9xvdbvitrDr4/M=', URL_V, form(V1), settings)).toBe(true);
    expect(check('0/KCTR6DLpKmkAf8muzZqo1nDgQ=', URL_V, form(V1), settings)).toBe(false);
  });

  it('rejects a missing header, a wrong signature and a missing token', () => {
    expect(checkSignature(new Headers(), URL_V, form(V1), { AUTH_TOKEN: '12345' })).toEqual({ ok: false, reason: 'missing X-Twilio-Signature header' });
    expect(check('0/KCTR6DLpKmkAf8muzZqo1nDgQ=', URL_V, form({ ...V1, Digits: '9' }))).toBe(false);
    expect(check('0/KCTR6DLpKmkAf8muzZqo1nDgQ=', URL_V, form(V1), {}, {})).toBe(false);
  });
});
