/**
 * Request headers of a Lambda event, as a `HeaderList` (the `Headers` semantics without loading
 * undici, see src/runtime/header-list.ts) plus the separate lines the core needs to keep repeated
 * headers apart (`FetchOptions.rawHeaders`).
 */
import { HeaderList, TOKEN } from '../../src/runtime/header-list';
import type { EventSource } from './detect';
import { AdapterError } from './errors';

type Loose = Record<string, unknown>;

/** One header name with every value it arrived with, in event order. */
interface HeaderGroup {
  name: string;
  values: string[];
}

const entries = (value: unknown): [string, unknown][] =>
  typeof value === 'object' && value !== null ? Object.entries(value) : [];

/** The non-null values as strings (a loop: this runs for every header of every invoke). */
function strings(values: unknown): string[] {
  if (!Array.isArray(values)) return values === null || values === undefined ? [] : [String(values)];
  const result: string[] = [];
  for (const value of values) if (value !== null && value !== undefined) result.push(String(value));
  return result;
}

function addGroup(groups: HeaderGroup[], name: string, values: string[]): void {
  if (values.length > 0) groups.push({ name, values });
}

/** The header groups of an event, honouring each integration's quirks. */
function headerGroups(event: Loose, source: EventSource, multiValue: boolean): HeaderGroup[] {
  const groups: HeaderGroup[] = [];
  if (source === 'v1') {
    // REST sends every header in both maps; `headers` only holds the last value. Prefer the
    // multi-value map and use `headers` just for names it lacks, so `X-Test: 1` stays `1` (L2)
    // and repeated values all survive (L3). Names are compared case-insensitively.
    const covered = new Set<string>();
    for (const [name, values] of entries(event.multiValueHeaders)) {
      addGroup(groups, name, strings(values));
      covered.add(name.toLowerCase());
    }
    for (const [name, value] of entries(event.headers)) {
      if (!covered.has(name.toLowerCase())) addGroup(groups, name, strings(value));
    }
  } else if (source === 'v2') {
    // HTTP API moves cookies to `cookies[]`; Function URLs also keep the `cookie` header. Rebuild
    // one Cookie line from the array and ignore the header so cookies are not doubled.
    const cookies = strings(event.cookies);
    for (const [name, value] of entries(event.headers)) {
      if (cookies.length === 0 || name.toLowerCase() !== 'cookie') addGroup(groups, name, strings(value));
    }
    if (cookies.length > 0) addGroup(groups, 'cookie', [cookies.join('; ')]);
  } else {
    // ALB sends either map, never both, depending on the target group's multi-value setting.
    for (const [name, value] of entries(multiValue ? event.multiValueHeaders : event.headers)) {
      addGroup(groups, name, strings(value));
    }
  }
  return groups;
}

/**
 * `Headers` only takes ByteStrings. A value with characters above U+00FF (e.g. `x-city: 炎`) is
 * replaced by its UTF-8 bytes read as Latin-1, which is exactly what Node's HTTP server (and so
 * the dev server and hosted Twilio) hands to user code; `Buffer.from(v, 'latin1')` recovers it.
 */
export function toByteString(value: string): string {
  return /[^\u0000-\u00ff]/.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
}

/** Result of {@link collectHeaders}. */
export interface CollectedHeaders {
  headers: HeaderList;
  /** Every received value as its own `[name, value]` pair, names as received. */
  rawHeaders: [string, string][];
}

/**
 * Collects the request headers of a classified event.
 * `content-length` is dropped: the client's claim is not trusted (L20); the caller sets the real
 * length of the decoded body.
 * @throws AdapterError 400 for a header name or value `Headers` would reject (L22).
 */
export function collectHeaders(event: Loose, source: EventSource, multiValue: boolean): CollectedHeaders {
  const headers = new HeaderList();
  const rawHeaders: [string, string][] = [];
  for (const { name, values } of headerGroups(event, source, multiValue)) {
    // Checked up front to answer 400, not crash in HeaderList.append.
    if (!TOKEN.test(name)) throw new AdapterError(400, 'Invalid header name');
    const lower = name.toLowerCase();
    if (lower === 'content-length') continue;
    const bytes = values.map(toByteString);
    for (const value of bytes) rawHeaders.push([name, value]);
    try {
      // Multi-value lists are separate lines of one header: join them the way HTTP does, with
      // "; " for Cookie and ", " for everything else (hono joins all with "; ", L16).
      headers.append(name, bytes.length === 1 ? bytes[0]! : bytes.join(lower === 'cookie' ? '; ' : ', '));
    } catch {
      throw new AdapterError(400, 'Invalid header value');
    }
  }
  return { headers, rawHeaders };
}
