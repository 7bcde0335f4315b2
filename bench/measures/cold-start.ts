/**
 * P1a–c: a fresh `node` process loads a Lambda handler and serves one v2 event (children/cold-runner.cjs).
 * Wall time from spawn to exit, median of interleaved runs against a hand-written handler. Every
 * child starts with the node flags of Lambda's Node.js runtime.
 */
import path from 'node:path';
import { BODIES, CHILDREN, lambdaEnv, lambdaNodeArgs, type FunctionName } from '../lib/fixtures';
import { timedNode } from '../lib/proc';
import { row, type Row, type Spec } from '../lib/report';
import { median } from '../lib/stats';
import type { Settings } from '../lib/settings';

export const COLD_SPECS: Record<FunctionName, Spec> = {
  hello: { id: 'P1a', measure: 'cold start: hello bundle, 1 v2 event', unit: 'ms', baseline: 'hand-written handler', target: { on: 'ratio', op: '<=', limit: 1.15 } },
  twiml: { id: 'P1b', measure: 'cold start: TwiML bundle, 1 v2 event', unit: 'ms', baseline: 'handler + twilio/lib/twiml/VoiceResponse', target: { on: 'ratio', op: '<=', limit: 1.25 } },
  client: { id: 'P1c', measure: 'cold start: getTwilioClient() bundle, 1 v2 event', unit: 'ms', baseline: "unbundled require('twilio') + client", target: { on: 'ratio', op: '<=', limit: 1.0 } },
};

interface Sample { wallMs: number; loadMs: number; invokeMs: number }

async function coldRun(handlerFile: string, eventFile: string, expected: string): Promise<Sample> {
  const { wallMs, stdout } = await timedNode([...lambdaNodeArgs(), path.join(CHILDREN, 'cold-runner.cjs'), handlerFile, eventFile, expected], {
    cwd: path.dirname(handlerFile), // Lambda runs with cwd = the task root
    env: lambdaEnv(),
  });
  const r = JSON.parse(stdout) as { loadMs: number; invokeMs: number };
  return { wallMs, loadMs: r.loadMs, invokeMs: r.invokeMs };
}

/** More handlers measured in the same rounds, reported for context only. */
export interface ColdContext { label: string; file: string }

export async function coldStart(s: Settings, fn: FunctionName, ours: string, baseline: string, eventFile: string, contexts: ColdContext[] = []): Promise<Row> {
  const expected = BODIES[fn];
  const files = new Map<string, string>([['baseline', baseline], ['ours', ours], ...contexts.map((c, i): [string, string] => [`context ${i}`, c.file])]);
  const sides = [...files.keys()];
  const runs = new Map<string, Sample[]>(sides.map((side) => [side, []]));
  for (let i = 0; i < s.coldRuns + 2; i++) {
    // Rotate which variant goes first so none always runs on a cache warmed by another.
    const order = sides.map((_, k) => sides[(k + i) % sides.length]!);
    for (const which of order) {
      const sample = await coldRun(files.get(which)!, eventFile, expected);
      if (i >= 2) runs.get(which)!.push(sample); // the first 2 rounds warm the file cache
    }
  }
  const wall = (side: string) => runs.get(side)!.map((r) => r.wallMs);
  const inProc = (side: string, label = side) => {
    const m = (f: (r: Sample) => number) => median(runs.get(side)!.map(f)).toFixed(1);
    return `${label} load ${m((r) => r.loadMs)} + first invoke ${m((r) => r.invokeMs)} ms`;
  };
  const notes = [
    `wall = spawn to exit, median of ${s.coldRuns}; inside the process: ${inProc('ours')}, ${inProc('baseline')}`,
    `ours ${path.relative(process.cwd(), ours)}`,
  ];
  contexts.forEach((context, i) => {
    const ms = median(wall(`context ${i}`));
    notes.push(`context: ${context.label} ${ms.toFixed(1)} ms = ${(ms / median(wall('baseline'))).toFixed(2)}× the baseline (${inProc(`context ${i}`, 'context')})`);
  });
  return row(COLD_SPECS[fn], median(wall('ours')), median(wall('baseline')), notes, { ours: wall('ours'), baseline: wall('baseline') });
}
