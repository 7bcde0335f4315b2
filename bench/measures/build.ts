/** P5: wall time of `tfa build` (both targets) on a generated 100-function project. */
import { build, type Build } from '../lib/fixtures';
import { row, unavailable, type Row, type Spec } from '../lib/report';
import { median } from '../lib/stats';
import type { Settings } from '../lib/settings';

export const P5: Spec = { id: 'P5', measure: 'tfa build, 100-function project, both targets', unit: 's', target: { on: 'value', op: '<=', limit: 15 } };

export async function buildTime(s: Settings, project: string, out: string): Promise<{ row: Row; build: Build | null }> {
  const builds: Build[] = [];
  try {
    const started = Date.now();
    for (let i = 0; i < s.buildRuns; i++) {
      const last = builds[builds.length - 1];
      if (last && (Date.now() - started + last.wallMs) / 1000 > s.buildBudgetSeconds) break; // keep P5 under two minutes
      builds.push(await build(project, out));
    }
  } catch (error) {
    return { row: unavailable(P5, `tfa build failed: ${(error as Error).message.slice(0, 600)}`), build: null };
  }
  const last = builds[builds.length - 1]!;
  const functions = last.manifest.routes.filter((r) => r.kind === 'function').length;
  const targets = Object.keys(last.manifest.targets ?? {}).join(' + ');
  const seconds = builds.map((b) => b.wallMs / 1000);
  return {
    row: row(P5, median(seconds), null, [`${functions} functions, targets ${targets}; ${seconds.length} run(s) ${seconds.map((x) => x.toFixed(1)).join('/')} s (whole CLI process, median)`]),
    build: last,
  };
}
