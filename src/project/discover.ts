/**
 * Finds the functions and assets of an unchanged serverless-toolkit project (B-1…B-5).
 *
 * @example
 * const project = await discoverProject('./my-twilio-project');
 * project.functions.map((f) => f.route); // ['/sms/reply', '/voice/menu', ...]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Visibility } from '../runtime/types';
import { loadProjectConfig, type ProjectConfig } from './config';

export interface ProjectFile {
  route: string;
  visibility: Visibility;
  /** Absolute path. */
  file: string;
  /** Path relative to the project root, with forward slashes. */
  source: string;
  /** Route as a file- and CloudFormation-safe name (`sms-reply`). */
  id: string;
}

export interface Project {
  root: string;
  name: string;
  functionsDir?: string;
  assetsDir?: string;
  functions: ProjectFile[];
  assets: ProjectFile[];
  config: ProjectConfig;
}

/** Twilio only runs `.js`; TypeScript and explicit module flavours are accepted too. */
export const FUNCTION_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts'];
const FORBIDDEN_IN_PATH = /[#;,?:@+&$()'" ]/;

export class ProjectError extends Error {}

export function discoverProject(root: string): Project {
  const absoluteRoot = path.resolve(root);
  if (!existsSync(absoluteRoot)) throw new ProjectError(`Project folder ${absoluteRoot} does not exist`);
  const config = loadProjectConfig(absoluteRoot);
  const functionsDir = firstExisting(absoluteRoot, config.functionsFolder ? [config.functionsFolder] : ['functions', 'src']);
  const assetsDir = firstExisting(absoluteRoot, config.assetsFolder ? [config.assetsFolder] : ['assets', 'static']);
  if (!functionsDir && !assetsDir) {
    throw new ProjectError(`No functions/ or assets/ folder in ${absoluteRoot}: is this a Twilio Functions project? Pass --project DIR.`);
  }
  const functions = functionsDir
    ? walk(functionsDir).filter(isFunctionFile).map((file) => describe(absoluteRoot, functionsDir, file, false))
    : [];
  const assets = assetsDir ? walk(assetsDir).map((file) => describe(absoluteRoot, assetsDir, file, true)) : [];
  checkRoutes([...functions, ...assets]);
  assignIds(functions);
  assignIds(assets);
  return { root: absoluteRoot, name: projectName(absoluteRoot), functionsDir, assetsDir, functions, assets, config };
}

function describe(root: string, base: string, file: string, isAsset: boolean): ProjectFile {
  const relative = path.relative(base, file).split(path.sep).join('/');
  const ext = path.extname(relative);
  let visibility: Visibility = 'public';
  let withoutInfix = relative;
  for (const kind of ['protected', 'private'] as const) {
    const infix = `.${kind}${ext}`;
    if (relative.endsWith(infix)) {
      visibility = kind;
      withoutInfix = relative.slice(0, -infix.length) + ext;
    }
  }
  const routeBody = isAsset ? withoutInfix : withoutInfix.slice(0, -ext.length);
  const route = `/${routeBody}`.replace(/\s/g, '-');
  return { route, visibility, file, source: path.relative(root, file).split(path.sep).join('/'), id: '' };
}

/** Deploy-time rules of the serverless toolkit (B-4) and duplicate detection (B-5). */
function checkRoutes(files: ProjectFile[]): void {
  const seen = new Map<string, ProjectFile>();
  for (const file of files) {
    if (FORBIDDEN_IN_PATH.test(file.route) || file.route.length >= 256) {
      throw new ProjectError(`${file.source}: path ${file.route} is not allowed by Twilio (no # ; , ? : @ + & $ ( ) ' " and under 256 characters). Rename the file.`);
    }
    const other = seen.get(file.route);
    if (other) throw new ProjectError(`Duplicate. Path ${file.route} already exists (${other.source} and ${file.source}). Rename one of them.`);
    seen.set(file.route, file);
  }
}

function assignIds(files: ProjectFile[]): void {
  const used = new Set<string>();
  for (const file of [...files].sort((a, b) => a.route.localeCompare(b.route))) {
    const base = file.route.slice(1).replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'root';
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    file.id = id;
  }
}

function walk(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(full));
    else if (entry.isFile()) files.push(full);
  }
  return files.sort();
}

function isFunctionFile(file: string): boolean {
  return FUNCTION_EXTENSIONS.includes(path.extname(file)) && !file.endsWith('.d.ts');
}

function firstExisting(root: string, names: string[]): string | undefined {
  return names.map((name) => path.join(root, name)).find((dir) => existsSync(dir));
}

function projectName(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    if (typeof pkg.name === 'string' && pkg.name) return pkg.name.replace(/^@[^/]+\//, '');
  } catch {
    // No package.json: the folder name will do.
  }
  return path.basename(root);
}
