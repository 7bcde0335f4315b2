// Just the part of autocannon 9 the bench uses (the package ships no types).
declare module 'autocannon' {
  interface Options { url: string; connections?: number; duration?: number; pipelining?: number; method?: string; headers?: Record<string, string>; body?: string }
  interface Histogram { average: number; p50: number; p99: number; total: number }
  interface Result { requests: Histogram; latency: Histogram; duration: number; errors: number; timeouts: number; non2xx: number }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
