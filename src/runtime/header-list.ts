/**
 * A header map with the semantics of the Web `Headers` class (validation, lower-case names,
 * repeated values joined, Set-Cookie kept apart) but without it.
 *
 * Why: on Node the first `Headers`/`Request`/`Response` loads undici (55–60 ms of cold start),
 * and each one is a comparatively heavy object on the warm path. The core only needs
 * `get`/`has`/`forEach`/`entries`, so the Lambda adapter and the dev server build this instead;
 * real `Headers` still work wherever a `RuntimeHeaders` is accepted (workerd).
 */
import type { RuntimeHeaders } from './types';

/** RFC 9110 token: the header names `Headers` accepts, and the methods `Request` accepts. */
export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** `Headers` strips leading and trailing HTTP whitespace, then refuses NUL, CR, LF and non-Latin-1. */
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const FORBIDDEN_VALUE = /[\0\r\n]|[^\u0000-\u00ff]/;

export class HeaderList implements RuntimeHeaders {
  private readonly map = new Map<string, string[]>();

  /** Like `Headers.append`; throws a TypeError for what `Headers` would refuse. */
  append(name: string, value: string): void {
    const normalized = hasEdgeWhitespace(value) ? value.replace(EDGE_WHITESPACE, '') : value;
    if (!TOKEN.test(name)) throw new TypeError(`Invalid header name: ${name}`);
    if (FORBIDDEN_VALUE.test(normalized)) throw new TypeError(`Invalid value for header ${name}`);
    const key = name.toLowerCase();
    const values = this.map.get(key);
    if (values) values.push(normalized);
    else this.map.set(key, [normalized]);
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    const values = this.map.get(key);
    if (!values) return null;
    return values.length === 1 ? values[0]! : values.join(separatorOf(key));
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  getSetCookie(): string[] {
    return this.map.get('set-cookie')?.slice() ?? [];
  }

  /** Sorted by name, each Set-Cookie on its own, as `Headers` iterates. */
  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.list()) callback(value, name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.list()[Symbol.iterator]();
  }

  /** An array rather than a generator: the core iterates the headers on every request. */
  private list(): Array<[string, string]> {
    const list: Array<[string, string]> = [];
    for (const name of [...this.map.keys()].sort()) {
      if (name === 'set-cookie') for (const cookie of this.map.get(name)!) list.push([name, cookie]);
      else list.push([name, this.get(name)!]);
    }
    return list;
  }

  /** How many entries `forEach` would visit and their characters, without sorting or joining. */
  totals(): { count: number; chars: number } {
    let count = 0;
    let chars = 0;
    for (const [name, values] of this.map) {
      const lines = name === 'set-cookie' ? values.length : 1;
      count += lines;
      chars += lines * name.length + (lines === 1 ? separatorOf(name).length * (values.length - 1) : 0);
      for (const value of values) chars += value.length;
    }
    return { count, chars };
  }

  /** Every header but Set-Cookie, joined as `Headers` would; the shape the Lambda result wants. */
  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const name of [...this.map.keys()].sort()) if (name !== 'set-cookie') record[name] = this.get(name)!;
    return record;
  }
}

/** undici joins repeated Cookie lines with "; ", everything else with ", ". */
function separatorOf(name: string): string {
  return name === 'cookie' ? '; ' : ', ';
}

/** Cheaper than running the trimming regex on every value, which rarely has anything to trim. */
function hasEdgeWhitespace(value: string): boolean {
  if (value === '') return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first === 32 || first === 9 || first === 10 || first === 13 || last === 32 || last === 9 || last === 10 || last === 13;
}
