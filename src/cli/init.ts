/**
 * `tfa init [--project DIR]`: adds what deploying an existing serverless-toolkit project needs —
 * a wrangler config pointing at the build output, a cdk.json whose app is this package's CDK app
 * reading `dist/manifest.json`, npm scripts and .gitignore lines. Never touches functions or
 * assets, never replaces something the user wrote, and a second run changes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, WORKER_ASSETS_DIR, WORKER_FILE, WRANGLER_CONFIG, workerName } from '../build/cloudflare';
import { MANIFEST_FILE } from '../build/manifest-types';
import { displayPath } from '../build/output-files';
import { TOOL_ROOT } from '../build/dependencies';
import { discoverProject, ProjectError } from '../project/discover';

const HELP = `Usage: tfa init [--project DIR]

Adds deployment files to a Twilio serverless-toolkit project (default: current folder):
  wrangler.jsonc   Cloudflare Worker config pointing at dist/cloudflare/
  cdk.json         AWS CDK app of tfa, reading dist/manifest.json
  package.json     scripts "build", "deploy:aws" and "deploy:cloudflare"
  .gitignore       dist/, cdk.out/, .wrangler/, .dev.vars
Existing settings are kept; running it again changes nothing.`;

/** `tfa build`'s default output folder, which the files written here point into. */
const OUT = 'dist';

export const SCRIPTS: Record<string, string> = {
  build: 'tfa build',
  'deploy:aws': 'tfa build --target aws && cdk deploy --all --require-approval never',
  // The generated config carries the .env variables and the exact protected-asset routes.
  'deploy:cloudflare': `tfa build --target cloudflare && wrangler deploy -c ${OUT}/${WRANGLER_CONFIG}`,
};
const IGNORED = ['dist/', 'cdk.out/', '.wrangler/', '.dev.vars'];
const DEPLOY_PACKAGES = ['twilio-functions-adapter', 'aws-cdk', 'aws-cdk-lib', 'constructs', 'wrangler'];

type Outcome = 'created' | 'updated' | 'unchanged';

export async function initCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { project: { type: 'string', default: '.' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  try {
    const { lines } = initProject(values.project!);
    console.log(lines.join('\n'));
    return 0;
  } catch (error) {
    if (error instanceof ProjectError || error instanceof InitError) {
      console.error(`tfa init: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

export class InitError extends Error {}

/** Writes the deployment files; returns what happened to each, for the console. */
export function initProject(projectDir: string): { outcomes: Record<string, Outcome | 'kept'>; lines: string[] } {
  const project = discoverProject(projectDir);
  const root = project.root;
  const outcomes: Record<string, Outcome | 'kept'> = {};
  const notes: string[] = [];

  const wranglerFiles = ['wrangler.json', 'wrangler.jsonc', 'wrangler.toml'].filter((f) => existsSync(path.join(root, f)));
  if (wranglerFiles.length > 0 && !wranglerFiles.includes('wrangler.jsonc')) {
    outcomes[wranglerFiles[0]] = 'kept';
    notes.push(`${wranglerFiles[0]} exists and was kept: point its "main" at ${OUT}/${WORKER_FILE} and "assets.directory" at ${OUT}/${WORKER_ASSETS_DIR}.`);
  } else {
    outcomes['wrangler.jsonc'] = writeIfMissing(path.join(root, 'wrangler.jsonc'), wranglerConfig(project.name));
  }

  outcomes['cdk.json'] = updateJson(path.join(root, 'cdk.json'), (cdk) => {
    // bin/run-ts.cjs loads tsx from tfa's own node_modules, so the project needs no tsx of its own.
    const app = `node ${toolPath(root, 'bin/run-ts.cjs')} ${toolPath(root, 'cdk/bin/app.ts')}`;
    if (cdk.app === undefined) {
      cdk.app = app;
      // A new cdk.json gets tfa's feature flags, so the stack synthesizes as tested; an existing
      // one keeps the user's.
      cdk.context = { ...toolCdkContext(), ...cdk.context };
    } else if (cdk.app !== app) notes.push(`cdk.json already has an app (${cdk.app}); tfa's is "${app}".`);
    cdk.context = { manifest: `${OUT}/${MANIFEST_FILE}`, ...cdk.context };
  });

  outcomes['package.json'] = updateJson(path.join(root, 'package.json'), (pkg) => {
    pkg.scripts ??= {};
    for (const [name, command] of Object.entries(SCRIPTS)) {
      if (pkg.scripts[name] === undefined) pkg.scripts[name] = command;
      else if (pkg.scripts[name] !== command) notes.push(`scripts.${name} already exists and was kept; tfa's is "${command}".`);
    }
    const installed = { ...pkg.dependencies, ...pkg.devDependencies };
    const missing = DEPLOY_PACKAGES.filter((name) => !installed[name]);
    if (missing.length > 0) notes.push(`To deploy, install: npm install --save-dev ${missing.join(' ')}`);
  });

  const gitignore = path.join(root, '.gitignore');
  const current = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
  const present = new Set(current.split(/\r?\n/).map((line) => line.trim()));
  const missingLines = IGNORED.filter((line) => !present.has(line) && !present.has(line.replace(/\/$/, '')));
  outcomes['.gitignore'] = missingLines.length === 0 ? 'unchanged' : current ? 'updated' : 'created';
  if (missingLines.length > 0) {
    const separator = current && !current.endsWith('\n') ? '\n' : '';
    writeFileSync(gitignore, `${current}${separator}${current ? '\n' : ''}# tfa build output\n${missingLines.join('\n')}\n`);
  }

  const lines = [`tfa init: ${project.name} (${root})`, ...Object.entries(outcomes).map(([file, outcome]) => `  ${outcome.padEnd(9)} ${file}`)];
  if (notes.length > 0) lines.push('', ...notes);
  lines.push('', 'Next: npm run build, then npm run deploy:aws or npm run deploy:cloudflare.');
  return { outcomes, lines };
}

function wranglerConfig(name: string): string {
  return `// Cloudflare Workers config (written by tfa init). \`tfa build\` puts the Worker in dist/cloudflare/.
// "npm run deploy:cloudflare" deploys with dist/cloudflare/wrangler.json, which the build also writes
// with your .env variables and the protected-asset routes; this file serves plain \`wrangler\` commands.
${JSON.stringify({
    name: workerName(name),
    main: `${OUT}/${WORKER_FILE}`,
    compatibility_date: COMPATIBILITY_DATE,
    compatibility_flags: COMPATIBILITY_FLAGS,
    no_bundle: true,
    upload_source_maps: true,
    // The Worker runs first for every path, so protected assets always get their signature check.
    assets: { directory: `${OUT}/${WORKER_ASSETS_DIR}`, binding: 'ASSETS', html_handling: 'none', run_worker_first: true },
  }, null, 2)}
`;
}

function writeIfMissing(file: string, content: string): Outcome {
  if (existsSync(file)) return 'unchanged';
  writeFileSync(file, content);
  return 'created';
}

/** Edits a JSON file in place, keeping its indentation; writes only when something changed. */
function updateJson(file: string, edit: (value: any) => void): Outcome {
  const exists = existsSync(file);
  const text = exists ? readFileSync(file, 'utf8') : '';
  let value: any = {};
  if (exists) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new InitError(`${file} is not valid JSON (${(error as Error).message}): fix it and run tfa init again`);
    }
  }
  const before = JSON.stringify(value);
  edit(value);
  if (exists && JSON.stringify(value) === before) return 'unchanged';
  const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? 2;
  writeFileSync(file, `${JSON.stringify(value, null, indent)}\n`);
  return exists ? 'updated' : 'created';
}

/** A file of tfa: relative when tfa is installed in the project (node_modules/…), else absolute. */
const toolPath = (root: string, file: string) => displayPath(path.join(TOOL_ROOT, file), root);

function toolCdkContext(): Record<string, unknown> {
  const { manifest: _ignored, ...context } = JSON.parse(readFileSync(path.join(TOOL_ROOT, 'cdk.json'), 'utf8')).context ?? {};
  return context;
}
