/**
 * P2: warm invokes per second of a Lambda handler, one invoke at a time, in a fresh child per run
 * (children/warm-runner.cjs). P6: RSS after N warm invokes in one child. Children start with the
 * node flags of Lambda's Node.js runtime for the stack's default memory size unless told otherwise.
 */
import path from 'node:path';
import { CHILDREN, lambdaEnv, lambdaNodeArgs } from '../lib/fixtures';
import { timedNode } from '../lib/proc';
import { row, type Row, type Spec } from '../lib/report';
import { median } from '../lib/stats';
import type { Settings } from '../lib/settings';

export const P2: Spec = { id: 'P2', measure: 'warm invokes/s: TwiML bundle, v2 event', unit: 'inv/s', baseline: 'hono/aws-lambda handle()', target: { on: 'ratio', op: '>=', limit: 1.0 } };
export const P6: Spec = { id: 'P6', measure: 'RSS growth 1k → 10k warm invokes (TwiML bundle)', unit: '%', baseline: 'hand-written TwiML handler', target: { on: 'value', op: '<=', limit: 10 } };

const RUNNER = path.join(CHILDREN, 'warm-runner.cjs');
/** The smallest memory size Lambda allows. */
const LAMBDA_MIN_MEMORY_MB = 128;

async function warm(file: string, eventFile: string, expected: string, mode: string, arg: string, memoryMB?: number): Promise<any> {
  const { stdout } = await timedNode([...lambdaNodeArgs(memoryMB), RUNNER, file, eventFile, expected, mode, arg], { cwd: path.dirname(file), env: lambdaEnv(memoryMB) });
  return JSON.parse(stdout);
}

export async function warmInvokes(s: Settings, ours: string, baseline: string, eventFile: string, expected: string): Promise<Row> {
  const rps: Record<'ours' | 'baseline', number[]> = { ours: [], baseline: [] };
  const files = { ours, baseline };
  for (let i = 0; i < s.warmRounds; i++) {
    const order = i % 2 === 0 ? (['baseline', 'ours'] as const) : (['ours', 'baseline'] as const);
    for (const which of order) rps[which].push((await warm(files[which], eventFile, expected, 'rps', String(s.warmSeconds))).rps);
  }
  return row(P2, median(rps.ours), median(rps.baseline), [
    `one invoke at a time, ${s.warmSeconds} s per child after a 1 s warm-up, ${s.warmRounds} child(ren) per side`,
  ], rps);
}

interface MemoryPoint { invokes: number; rssMB: number; heapTotalMB: number; heapUsedMB: number }

interface Growth { growth: number; later: number; note: string }

/**
 * Growth of RSS between the first two sample points, in percent, and between the second and the
 * last (does it level off?); medians over runs, every run listed in the note.
 */
async function memoryGrowth(s: Settings, file: string, eventFile: string, expected: string, label: string, runCount: number, memoryMB?: number): Promise<Growth> {
  const runs: MemoryPoint[][] = [];
  for (let i = 0; i < runCount; i++) {
    runs.push((await warm(file, eventFile, expected, 'memory', s.memoryPoints.join(','), memoryMB)).points);
  }
  const pct = (a: MemoryPoint, b: MemoryPoint) => (b.rssMB / a.rssMB - 1) * 100;
  const describe = (p: MemoryPoint[]) => p.map((x) => `${x.invokes}: RSS ${x.rssMB.toFixed(1)} MB, heap ${x.heapUsedMB.toFixed(1)}/${x.heapTotalMB.toFixed(1)} MB used/total`).join(' → ');
  const growth = median(runs.map((r) => pct(r[0]!, r[1]!)));
  const later = median(runs.map((r) => pct(r[1]!, r[r.length - 1]!)));
  return { growth, later, note: `${label}: ${growth.toFixed(1)} %, then ${later.toFixed(1)} % to ${s.memoryPoints.at(-1)} invokes; ${runs.map(describe).join(' | ')}` };
}

/**
 * The target is absolute. The hand-written handler doing the same TwiML work runs under the same
 * harness as the baseline; the client bundle, the Hono handler and both TwiML handlers at Lambda's
 * smallest memory size (whose flags cap the young generation lowest) are reported for context
 * (docs/benchmarks.md explains why the young generation grows).
 */
export async function memory(
  s: Settings, files: { twiml: string; client: string; hono: string; handWritten: string },
  events: { twiml: string; client: string }, bodies: { twiml: string; client: string },
): Promise<Row> {
  const ours = await memoryGrowth(s, files.twiml, events.twiml, bodies.twiml, 'twiml bundle', s.memoryRuns);
  const baseline = await memoryGrowth(s, files.handWritten, events.twiml, bodies.twiml, 'hand-written handler', s.memoryRuns);
  const smallest = `at ${LAMBDA_MIN_MEMORY_MB} MB, ${lambdaNodeArgs(LAMBDA_MIN_MEMORY_MB).filter((a) => a.startsWith('--max-semi')).join(' ')} (info)`;
  const capped = await memoryGrowth(s, files.twiml, events.twiml, bodies.twiml, `twiml bundle ${smallest}`, 1, LAMBDA_MIN_MEMORY_MB);
  const cappedBaseline = await memoryGrowth(s, files.handWritten, events.twiml, bodies.twiml, `hand-written handler ${smallest}`, 1, LAMBDA_MIN_MEMORY_MB);
  const client = await memoryGrowth(s, files.client, events.client, bodies.client, 'client bundle (info)', 1);
  const hono = await memoryGrowth(s, files.hono, events.twiml, bodies.twiml, 'hono/aws-lambda (info)', 1);
  return row(P6, ours.growth, baseline.growth, [ours.note, baseline.note, capped.note, cappedBaseline.note, client.note, hono.note]);
}
