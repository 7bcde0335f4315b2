/**
 * Ships packages unbundled beside the Lambda bundles (`aws/node_modules/...`), keeping npm's
 * nesting so each package still finds the dependency version it was installed with. Only files
 * Node can load are copied (no types, maps or docs): twilio and its dependencies are ~11 MB that way.
 */
import { copyFileSync, cpSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { packageClosure, readJson } from './dependencies';

export interface ShippedFile {
  source: string;
  /** Path under `node_modules/`. */
  target: string;
  bytes: number;
}

const LOADABLE = /\.(js|cjs|mjs|json|node)$/;
const TYPES = /\.d\.[cm]?ts$/;

export function filesToShip(packageDir: string): ShippedFile[] {
  const nodeModules = path.dirname(packageDir);
  const files: ShippedFile[] = [];
  for (const dir of packageClosure(packageDir)) {
    let relative = path.relative(nodeModules, dir);
    // A package hoisted above the main one's node_modules goes to the top level of ours.
    if (relative.startsWith('..')) relative = readJson(path.join(dir, 'package.json')).name;
    collect(dir, relative, files);
  }
  return files;
}

function collect(dir: string, relative: string, files: ShippedFile[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const source = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // Nested node_modules hold separate packages: the closure lists those it needs.
      if (entry.name !== 'node_modules') collect(source, path.join(relative, entry.name), files);
    } else if (entry.isFile() && LOADABLE.test(entry.name) && !TYPES.test(entry.name)) {
      files.push({ source, target: path.join(relative, entry.name), bytes: statSync(source).size });
    }
  }
}

/** Copies the files into `<dir>/node_modules`, creating each folder once. */
export function installNodeModules(files: ShippedFile[], dir: string): void {
  const made = new Set<string>();
  for (const file of files) {
    const target = path.join(dir, 'node_modules', file.target);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    copyFileSync(file.source, target);
  }
}

/**
 * Gives a bundle folder the shared node_modules through a relative symlink: one copy on disk
 * however many functions. The CDK app's `Code.fromAsset` follows symlinks that leave the asset
 * folder (its default, SymlinkFollowMode.EXTERNAL), so each Lambda zip holds real files.
 */
export function linkNodeModules(bundleDir: string, sharedDir: string): void {
  const link = path.join(bundleDir, 'node_modules');
  try {
    symlinkSync(path.relative(bundleDir, path.join(sharedDir, 'node_modules')), link, 'dir');
  } catch {
    // No symlinks here (Windows without privileges): a real copy instead.
    cpSync(path.join(sharedDir, 'node_modules'), link, { recursive: true });
  }
}
