import { describe, expect, it } from 'vitest';
import { urlParts } from './request-url';

function viaUrl(href: string) {
  const { protocol, host, pathname, search } = new URL(href);
  return { protocol, host, pathname, search };
}

/** Both agree, or both throw. */
function expectLikeUrl(href: string): void {
  let expected: unknown;
  try {
    expected = viaUrl(href);
  } catch {
    expect(() => urlParts(href), href).toThrow();
    return;
  }
  expect(urlParts(href), href).toEqual(expected);
}

describe('urlParts gives the parts new URL gives', () => {
  it.each([
    'http://127.0.0.1:3000/twiml?From=%2B15551234567&To=%2B1555&Body=hi',
    'https://abc123.execute-api.us-east-1.amazonaws.com/prod/sms',
    'http://localhost/', 'http://localhost/a?', 'http://localhost/a??b', "http://x/it's?q='", 'http://x/a%2Fb/%2e/c',
    'http://x/a/./b', 'http://x/a/../b', 'http://x/a/%2E%2e/b', 'http://x/a/.b/..c', 'http://x/a\\b', 'http://x/a b', 'http://x/é',
    'http://x/a#frag', 'http://x/a?b#c', 'http://x/a|b^c', 'http://x/{a}', 'http://x/a"b', 'http://x/a<b>',
    'HTTP://x/a', 'http://X.example/a', 'ftp://x/a', 'http://x:80/a', 'https://x:443/a', 'http://x:443/a', 'https://x:80/a',
    'http://x:0080/a', 'http://x:65535/a', 'http://x:65536/a', 'http://x:0/a', 'http://x:/a',
    'http://127.1/a', 'http://0x7f.0.0.1/a', 'http://1.2.3.4./a', 'http://01.2.3.4/a', 'http://256.1.1.1/a', 'http://foo.0x1/a',
    'http://foo.123/a', 'http://123.foo/a', 'http://xn--nxasmq6b.com/a', 'http://xn--a.com/a', 'http://a..b/a', 'http://.a/a', 'http://a./a',
    'http://-a-.b/a', 'http://a_b/a', 'http://[::1]:3000/a', 'http://user:pw@x/a', 'http://x', 'http://x?a', '/relative', '',
  ])('%s', (href) => expectLikeUrl(href));

  it('agrees on random URLs built from the characters and parts that matter', () => {
    // A fixed-seed generator: the same cases on every run.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(list: readonly T[]) => list[random(list.length)]!;
    const schemes = ['http', 'https', 'HTTP', 'ws', 'file'];
    const hosts = ['x', 'a.b', 'A.b', '127.0.0.1', '127.1', '10.0.0.256', '1.2.3', '0x10', 'a.0x', 'a.09', 'xn--p1ai', 'a-b.c-d', 'a..b', 'b.', '[::1]', '_x'];
    const ports = ['', ':1', ':80', ':443', ':08080', ':65535', ':65536', ':', ':3000'];
    // Half the paths use only characters the parser keeps, so the fast path is well exercised.
    const kept = ['a', 'Z', '0', '/', '/', '.', '..', '%2e', '%2E', '%', '%41', '?', '&', '=', '+', "'", '~', '@', ':', ';', ',', '!', '$', '*', '(', '-', '_'];
    const pieces = [...kept, '#', '"', ' ', '\\', '|', '^', '`', '{', '<', 'é', '\t', '\u0000'];
    for (let i = 0; i < 20000; i++) {
      let rest = '/';
      for (let n = random(12); n > 0; n--) rest += pick(i % 2 ? kept : pieces);
      expectLikeUrl(`${pick(schemes)}://${pick(hosts)}${pick(ports)}${rest}`);
    }
  });
});
