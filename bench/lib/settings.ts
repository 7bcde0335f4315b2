/** Run lengths of the full and --quick modes (full: every measure well under two minutes on 2 cores). */
export interface Settings {
  quick: boolean;
  /** Cold starts per variant (baseline and ours interleaved), after 2 unrecorded warm-up runs. */
  coldRuns: number;
  /** Warm invokes: rounds of one child per variant, seconds counted per child. */
  warmRounds: number;
  warmSeconds: number;
  /** P6: invoke counts at which RSS is sampled (growth is first → second; later ones are context), and repetitions. */
  memoryPoints: number[];
  memoryRuns: number;
  /** HTTP load: rounds over all servers, seconds per server per round. */
  loadRounds: number;
  loadSeconds: number;
  loadWarmupSeconds: number;
  /** P3's rounds: it loads five servers, and four rounds of them keep it under two minutes (about 105 s). */
  devServerRounds: number;
  connections: number;
  /** P5: builds of the 100-function project; no new one starts once the next would end past the budget. */
  buildRuns: number;
  buildBudgetSeconds: number;
}

export function settings(quick: boolean): Settings {
  return quick
    ? { quick, coldRuns: 5, warmRounds: 1, warmSeconds: 2, memoryPoints: [1000, 10000], memoryRuns: 1, loadRounds: 1, loadSeconds: 3, loadWarmupSeconds: 1, devServerRounds: 1, connections: 50, buildRuns: 1, buildBudgetSeconds: 60 }
    : { quick, coldRuns: 41, warmRounds: 3, warmSeconds: 4, memoryPoints: [1000, 10000, 20000], memoryRuns: 3, loadRounds: 5, loadSeconds: 4, loadWarmupSeconds: 1, devServerRounds: 4, connections: 50, buildRuns: 3, buildBudgetSeconds: 90 };
}
