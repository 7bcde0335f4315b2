/** HTTP load with autocannon (in this process; the server under test runs in its own process). */
import autocannon from 'autocannon';

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

/** One request, for checking that a server answers what the measure expects before loading it. */
export async function fetchText(url: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}
