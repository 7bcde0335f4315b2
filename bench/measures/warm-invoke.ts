/**
 * P2: warm invokes per second of a Lambda handler, one invoke at a time, in a fresh child per run
 * (children/warm-runner.cjs). P6: RSS after N warm invokes in one child.
 */
import path from 'node:path';
import { CHILDREN, lambdaEnv } from '../lib/fixtures';
import { timedNode } from '../lib/proc';
import { row, type Row, type Spec } from '../lib/report';
import { median } from '../lib/stats';
import type { Settings } from '../lib/settings';

export const P2: Spec = { id: 'P2', measure: 'warm invokes/s: TwiML bundle, v2 event', unit: 'inv/s', baseline: 'hono/aws-lambda handle()', target: { on: 'ratio', op: '>=', limit: 1.0 } };
export const P6: Spec = { id: 'P6', measure: 'RSS growth 1k → 10k warm invokes (TwiML bundle)', unit: '%', target: { on: 'value', op: '<=', limit: 10 } };

const RUNNER = path.join(CHILDREN, 'warm-runner.cjs');

async function warm(file: string, eventFile: string, expected: string, mode: string, arg: string, nodeArgs: string[] = []): Promise<any> {
  const { stdout } = await timedNode([...nodeArgs, RUNNER, file, eventFile, expected, mode, arg], { cwd: path.dirname(file), env: lambdaEnv() });
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

/** Growth of RSS between the first two sample points, in percent; median over runs (the runs are listed in the notes). */
export async function memoryGrowth(s: Settings, file: string, eventFile: string, expected: string, label: string, runCount: number): Promise<{ growth: number; note: string }> {
  const runs: MemoryPoint[][] = [];
  for (let i = 0; i < runCount; i++) {
    runs.push((await warm(file, eventFile, expected, 'memory', s.memoryPoints.join(','), ['--expose-gc'])).points);
  }
  const growths = runs.map(([a, b]) => (b!.rssMB / a!.rssMB - 1) * 100);
  const describe = (p: MemoryPoint[]) => p.map((x) => `${x.invokes}: RSS ${x.rssMB.toFixed(1)} MB, heap ${x.heapUsedMB.toFixed(1)}/${x.heapTotalMB.toFixed(1)} MB used/total`).join(' → ');
  return { growth: median(growths), note: `${label}: ${runs.map(describe).join(' | ')}` };
}

/** The target is absolute; the client bundle and the Hono handler under the same harness are reported for context. */
export async function memory(
  s: Settings, files: { twiml: string; client: string; hono: string },
  events: { twiml: string; client: string }, bodies: { twiml: string; client: string },
): Promise<Row> {
  const main = await memoryGrowth(s, files.twiml, events.twiml, bodies.twiml, 'twiml bundle', s.memoryRuns);
  const client = await memoryGrowth(s, files.client, events.client, bodies.client, 'client bundle (info)', 1);
  const hono = await memoryGrowth(s, files.hono, events.twiml, bodies.twiml, 'hono/aws-lambda baseline (info)', 1);
  return row(P6, main.growth, null, [
    main.note,
    `${client.note} = ${client.growth.toFixed(1)} %`,
    `${hono.note} = ${hono.growth.toFixed(1)} %`,
  ]);
}
