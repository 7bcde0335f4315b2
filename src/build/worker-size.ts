/**
 * What the Worker bundle is made of, from esbuild's metafile: bytes that land in worker.js grouped
 * by npm package (the folder after the last `node_modules/`, `@scope/name` for scoped ones), by
 * project file (`functions/api/report.js`), tfa's own runtime, and the generated entry (the
 * route table and the private assets it embeds).
 *
 * @example
 * bundleParts(metafile, { projectRoot, toolRoot })
 * // [{ name: 'twilio', kind: 'package', bytes: 3_250_000 }, { name: 'functions/api/report.js', kind: 'file', bytes: 122_880 }, …]
 */
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { toPosix } from './output-files';

export type PartKind = 'package' | 'file' | 'entry' | 'tfa';

export interface BundlePart {
  /** npm package name, project-relative file, or a label for tfa's own code. */
  name: string;
  kind: PartKind;
  /** Bytes this part contributes to the bundle (esbuild's `bytesInOutput`). */
  bytes: number;
}

export const ENTRY_PART = 'tfa entry (routes, embedded private assets)';
export const TFA_PART = 'tfa runtime';

export interface PartRoots {
  /** esbuild's absWorkingDir: metafile paths are relative to it. */
  projectRoot: string;
  /** This tool's folder: its files are tfa's runtime, not the project's. */
  toolRoot: string;
}

/**
 * Parts of one output file, largest first. Uses the JavaScript output that has an entry point
 * (source maps list no inputs); without outputs, falls back to the inputs' source bytes.
 */
export function bundleParts(metafile: Metafile, roots: PartRoots): BundlePart[] {
  const output = Object.entries(metafile.outputs ?? {}).find(([file, o]) => o.entryPoint !== undefined && /\.m?js$/.test(file))?.[1];
  const contributions: [string, number][] = output
    ? Object.entries(output.inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput])
    : Object.entries(metafile.inputs ?? {}).map(([input, { bytes }]) => [input, bytes]);

  const parts = new Map<string, BundlePart>();
  for (const [input, bytes] of contributions) {
    if (bytes === 0) continue;
    const { name, kind } = partOf(input, roots);
    const part = parts.get(name) ?? { name, kind, bytes: 0 };
    part.bytes += bytes;
    parts.set(name, part);
  }
  return [...parts.values()].sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
}

/** The part one metafile input belongs to. */
export function partOf(input: string, roots: PartRoots): Pick<BundlePart, 'name' | 'kind'> {
  const posix = input.replace(/\\/g, '/');
  // Plugin namespaces (`tfa-entry:worker`, `tfa-fs:fs`); not a Windows drive letter.
  const namespace = /^([a-z][\w-]+):/.exec(posix);
  if (namespace) return namespace[1] === 'tfa-entry' ? { name: ENTRY_PART, kind: 'entry' } : { name: TFA_PART, kind: 'tfa' };

  const modules = posix.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const [first, second] = posix.slice(modules + 'node_modules/'.length).split('/');
    return { name: first.startsWith('@') && second ? `${first}/${second}` : first, kind: 'package' };
  }

  const absolute = path.resolve(roots.projectRoot, input);
  if (inside(absolute, roots.projectRoot)) return { name: toPosix(path.relative(roots.projectRoot, absolute)), kind: 'file' };
  if (inside(absolute, roots.toolRoot)) return { name: TFA_PART, kind: 'tfa' };
  return { name: posix, kind: 'file' };
}

/** `twilio 3.1 MiB (84%), functions/api/report.js 120 KiB (3%)` */
export function formatParts(parts: Pick<BundlePart, 'name' | 'bytes'>[], totalBytes: number, count = 4): string {
  return parts.slice(0, count).map((part) => describePart(part, totalBytes)).join(', ');
}

/** What to do about the part that dominates the Worker (for size and startup warnings). */
export function adviceFor(part: BundlePart): string {
  switch (part.kind) {
    case 'package':
      return `drop or replace ${part.name}, or require only the files you use (deep imports such as twilio/lib/twiml/VoiceResponse instead of the whole package)`;
    case 'file':
      return `move the data in ${part.name} into a public or protected asset (served outside the bundle) or fetch it at run time`;
    case 'entry':
      return 'move large private assets out of the bundle: make them protected assets (served outside the Worker) or fetch them from storage at run time';
    case 'tfa':
      return 'the tfa runtime itself is large here: report it as a tfa issue';
  }
}

/**
 * For the size and startup warnings: `; the largest part is twilio (3.1 MiB, 84% of worker.js
 * before gzip): <advice>`, or nothing without parts.
 */
export function blameLargest(parts: BundlePart[], totalBytes: number): string {
  const part = parts[0];
  if (!part) return '';
  return `; the largest part is ${part.name} (${size(part.bytes)}, ${share(part.bytes, totalBytes)} of worker.js before gzip): ${adviceFor(part)}`;
}

/** `twilio 3.1 MiB (84%)` */
function describePart(part: Pick<BundlePart, 'name' | 'bytes'>, totalBytes: number): string {
  return `${part.name} ${size(part.bytes)} (${share(part.bytes, totalBytes)})`;
}

function size(bytes: number): string {
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const kib = bytes / 1024;
  return `${kib < 10 ? kib.toFixed(1) : Math.round(kib)} KiB`;
}

function share(bytes: number, total: number): string {
  if (total <= 0) return '?%';
  const percent = (bytes / total) * 100;
  return percent < 1 ? '<1%' : `${Math.round(percent)}%`;
}

const inside = (file: string, dir: string) => file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
