/**
 * The parts of a request URL the core reads, exactly as `new URL(href)` gives them.
 *
 * Why not always `new URL`: parsing with it was about 3.5 % of the instructions of a dev-server
 * request (7.5k of 217k, counted with valgrind). The URLs hosts build are nearly always an
 * http(s) origin followed by a plain path and query, which the URL parser returns unchanged, so
 * those parts are cut out of the string as they are. Anything the parser could rewrite (upper
 * case, default ports, numeric hosts, dot segments, characters it escapes) goes through `new URL`.
 */
export interface UrlParts {
  /** With the colon, as `URL.protocol`: `https:`. */
  protocol: string;
  host: string;
  pathname: string;
  /** With the `?`, or empty, as `URL.search`. */
  search: string;
}

// Characters the URL parser leaves alone: in the path, and in the query of a special scheme (which
// escapes `'`). `\`, spaces, quotes, `<`, `>`, `#`, controls and non-ASCII all take the slow path.
const PLAIN_URL = /^(https?):\/\/([a-z0-9.-]+)(?::([1-9][0-9]{0,4}))?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*)(\?[A-Za-z0-9\-._~!$&()*+,;=:@/%?]*)?$/;
// Labels the host parser rewrites: a numeric or hex last label (an IPv4 address in some form),
// punycode (validated and normalised), empty labels.
const NUMERIC_LABEL = /(?:^|\.)(?:[0-9]+|0x[0-9a-f]*)$/;
const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
const REWRITTEN_LABELS = /(?:^|\.)(?:xn--|\.|$)/;
// `.` and `..` segments, also percent-encoded, are resolved by the parser.
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:\/|$)/i;

export function urlParts(href: string): UrlParts {
  const match = PLAIN_URL.exec(href);
  if (match) {
    const [, scheme, hostname, port, pathname, query] = match as unknown as [string, string, string, string | undefined, string, string | undefined];
    if (isPlainHost(hostname) && !isDefaultOrInvalidPort(scheme, port) && !DOT_SEGMENT.test(pathname)) {
      return {
        protocol: `${scheme}:`,
        host: port === undefined ? hostname : `${hostname}:${port}`,
        pathname,
        // A lone `?` is no query to the parser.
        search: query === undefined || query === '?' ? '' : query,
      };
    }
  }
  const { protocol, host, pathname, search } = new URL(href);
  return { protocol, host, pathname, search };
}

/**
 * `accepts`, remembering the last value it accepted. Hosts repeat from request to request (a
 * server's own name, 127.0.0.1 in development), so the expressions behind a host check run once
 * per new host.
 */
export function rememberingLast(accepts: (value: string) => boolean): (value: string) => boolean {
  let last: string | undefined;
  return (value) => {
    if (value === last) return true;
    if (!accepts(value)) return false;
    last = value;
    return true;
  };
}

const isPlainHost = rememberingLast((hostname) =>
  !REWRITTEN_LABELS.test(hostname) && (!NUMERIC_LABEL.test(hostname) || CANONICAL_IPV4.test(hostname)));

function isDefaultOrInvalidPort(scheme: string, port: string | undefined): boolean {
  if (port === undefined) return false;
  const number = Number(port);
  return number > 65535 || number === (scheme === 'https' ? 443 : 80);
}
