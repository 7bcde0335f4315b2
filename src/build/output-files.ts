/** File chores shared by the targets: sizes, asset copies, source map paths, esbuild messages. */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Message } from 'esbuild';
import type { ProjectFile } from '../project/discover';
import type { ManifestWarning } from './manifest-types';
import { TOOL_ROOT } from './dependencies';

export interface Size {
  bytes: number;
  gzipBytes: number;
}

/** A warning as the manifest records it (project-relative file and line). */
export type BuildWarning = ManifestWarning;

export function sizeOf(file: string): Size {
  const content = readFileSync(file);
  return { bytes: content.byteLength, gzipBytes: gzipSync(content).byteLength };
}

/** Bytes of the files in a folder; symlinks are not followed (callers count what they point to). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

/** Copies assets to `<dir>/<URL path>`, the layout static hosting (S3, Workers assets) serves. */
export function copyAssets(assets: ProjectFile[], dir: string): void {
  for (const asset of assets) {
    const target = path.join(dir, ...asset.route.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(asset.file, target);
  }
}

/**
 * Rewrites the `sources` of a source map so stack traces name the project's files as the
 * runtime sees them: `functions/sms/reply.js` next to the bundle resolves to the same virtual
 * path `Runtime.getFunctions()` reports. This tool's own files appear under `tfa/`.
 */
export function rewriteSourceMap(mapFile: string, projectRoot: string): void {
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const mapDir = path.dirname(mapFile);
  map.sources = (map.sources as string[]).map((source) => {
    const absolute = path.resolve(mapDir, source);
    if (absolute.startsWith(projectRoot + path.sep)) return toPosix(path.relative(projectRoot, absolute));
    if (absolute.startsWith(TOOL_ROOT + path.sep)) return `tfa/${toPosix(path.relative(TOOL_ROOT, absolute))}`;
    return source;
  });
  writeFileSync(mapFile, JSON.stringify(map));
}

/** An esbuild message as a report line: project-relative file and line. */
export function warningOf(message: Message, projectRoot: string, target: BuildWarning['target']): BuildWarning {
  const location = message.location;
  return {
    file: location ? displayPath(path.resolve(projectRoot, location.file), projectRoot) : undefined,
    line: location?.line,
    message: message.text,
    target,
  };
}

export function displayPath(file: string, projectRoot: string): string {
  const relative = path.relative(projectRoot, file);
  return toPosix(relative.startsWith('..') ? file : relative);
}

/** A path as the user typed it best: relative to the current folder unless that climbs out of it. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
}

export const toPosix = (value: string) => value.split(path.sep).join('/');
