/** Result rows, the printed table, the machine description and the JSON file. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Target {
  /** What the target constrains: the ours/baseline ratio or our absolute value. */
  on: 'ratio' | 'value';
  op: '<=' | '>=';
  limit: number;
}

export interface Spec {
  id: string;
  measure: string;
  unit: string;
  target: Target;
  /** Name of the baseline measured in the same run, if any. */
  baseline?: string;
}

export interface Row extends Spec {
  ours: number | null;
  baselineValue: number | null;
  /** Always ours / baseline. */
  ratio: number | null;
  /** null: not measured (see notes). */
  pass: boolean | null;
  notes: string[];
  samples?: { ours?: number[]; baseline?: number[] };
}

export function row(spec: Spec, ours: number, baseline: number | null, notes: string[] = [], samples?: Row['samples']): Row {
  const ratio = baseline === null ? null : ours / baseline;
  const checked = spec.target.on === 'ratio' ? ratio : ours;
  const pass = checked === null || !Number.isFinite(checked) ? null
    : spec.target.op === '<=' ? checked <= spec.target.limit : checked >= spec.target.limit;
  return { ...spec, ours, baselineValue: baseline, ratio, pass, notes, samples };
}

/** A measure that could not run (missing artefact, failed server): reported, never silently dropped. */
export function unavailable(spec: Spec, reason: string): Row {
  return { ...spec, ours: null, baselineValue: null, ratio: null, pass: null, notes: [reason] };
}

export function targetText(t: Target, unit: string): string {
  return `${t.on === 'ratio' ? 'ratio ' : ''}${t.op === '<=' ? '≤' : '≥'} ${t.limit}${t.on === 'ratio' ? '×' : ` ${unit}`}`;
}

export interface Machine {
  date: string;
  cores: number;
  cpu: string;
  node: string;
  os: string;
  memoryGB: number;
  loadAverage: number[];
  /** Filled in at the end of the run. */
  loadAverageEnd?: number[];
  commit: string | null;
}

export function describeMachine(): Machine {
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch { /* not a git checkout */ }
  return {
    date: new Date().toISOString(),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    commit,
  };
}

function num(v: number | null, unit: string): string {
  if (v === null) return '—';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`;
}

export function formatTable(rows: Row[]): string {
  const header = ['#', 'measure', 'ours', 'baseline', 'ratio', 'target', 'result'];
  const lines = rows.map((r) => [
    r.id,
    r.measure,
    num(r.ours, r.unit),
    r.baseline ? `${num(r.baselineValue, r.unit)} (${r.baseline})` : '—',
    r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
    targetText(r.target, r.unit),
    r.pass === null ? 'n/a' : r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

export function formatNotes(rows: Row[]): string {
  return rows.filter((r) => r.notes.length > 0).map((r) => `${r.id}: ${r.notes.join('; ')}`).join('\n');
}
