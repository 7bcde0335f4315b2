/** HTTP load with autocannon (in this process; the server under test runs in its own process). */
import autocannon from 'autocannon';
import { median } from './stats';

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

/** Requests per second over `seconds`, after an unrecorded warm-up. Failures: errors, timeouts, non-2xx. */
export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await autocannon({ url, connections: options.connections, duration: options.warmupSeconds });
  const r = await autocannon({ url, connections: options.connections, duration: options.seconds });
  return { rps: r.requests.total / r.duration, p50Ms: r.latency.p50, p99Ms: r.latency.p99, failures: r.errors + r.timeouts + r.non2xx };
}

/** Why the server at `url` cannot be measured (not a 200 with exactly `body`), or null. */
export async function answerProblem(url: string, body: string): Promise<string | null> {
  const r = await fetchText(url);
  return r.status === 200 && r.body === body ? null : `answered ${r.status} ${JSON.stringify(r.body.slice(0, 300))}`;
}

/** One request, for checking that a server answers what the measure expects before loading it. */
export async function fetchText(url: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

/** Rounds of load over several servers: the median rate of each, and a note line per server. */
export interface Rounds<N extends string> {
  results: Map<N, LoadResult[]>;
  rps(name: N): number;
  describe(name: N): string;
}

/**
 * Loads every server once per round, in an order that rotates each round so no server always
 * runs right after the same other one (the machine is shared and noisy).
 */
export async function loadRounds<N extends string>(urls: Map<N, string>, rounds: number, options: LoadOptions): Promise<Rounds<N>> {
  const names = [...urls.keys()];
  const results = new Map<N, LoadResult[]>(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names.map((_, i) => names[(i + round) % names.length]!)) {
      results.get(name)!.push(await load(urls.get(name)!, options));
    }
  }
  const of = (name: N) => results.get(name)!;
  return {
    results,
    rps: (name) => median(of(name).map((r) => r.rps)),
    describe: (name) => {
      const r = of(name);
      return `${name}: ${r.map((x) => x.rps.toFixed(0)).join('/')} req/s, p50 ${median(r.map((x) => x.p50Ms))} ms, p99 ${median(r.map((x) => x.p99Ms))} ms, failures ${r.reduce((a, x) => a + x.failures, 0)}`;
    },
  };
}
