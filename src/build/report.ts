/**
 * The build report printed on the console: one line per function (route, visibility, AWS
 * bundle size raw/gzip), the Worker against Cloudflare's limits (gzip size, its largest parts,
 * startup time in workerd), warnings with file:line, then a one-line total.
 */
import type { Manifest, ManifestWarning } from './manifest-types';
import { formatParts } from './worker-size';
import { STARTUP_LIMIT_MS } from './worker-startup';

export function formatReport(manifest: Manifest, outDir: string, notes: string[] = []): string {
  const lines: string[] = [];
  const functions = manifest.routes.filter((r) => r.kind === 'function');
  const assets = manifest.routes.filter((r) => r.kind === 'asset');
  const aws = manifest.targets.aws;
  const worker = manifest.targets.cloudflare;

  const width = Math.max(5, ...functions.map((f) => f.path.length));
  lines.push(`  ${'route'.padEnd(width)}  ${'visibility'.padEnd(10)}  ${aws ? 'aws bundle (raw / gzip)' : ''}`);
  for (const fn of functions) {
    const size = fn.bytes === undefined ? (fn.visibility === 'private' ? 'inside each bundle' : '') : `${kib(fn.bytes)} / ${kib(fn.gzipBytes!)}`;
    lines.push(`  ${fn.path.padEnd(width)}  ${fn.visibility.padEnd(10)}  ${aws ? size : ''}`.trimEnd());
  }
  const byVisibility = (v: string) => assets.filter((a) => a.visibility === v).length;
  lines.push(`  assets: ${byVisibility('public')} public, ${byVisibility('protected')} protected, ${byVisibility('private')} private (embedded)`);
  if (aws) lines.push(`  aws: each function folder also ships ${mib(aws.nodeModulesBytes ?? 0)} of node_modules (twilio, unbundled)`);
  if (worker) {
    lines.push(`  cloudflare: ${worker.worker} ${kib(worker.bytes!)} / ${kib(worker.gzipBytes!)} gzip (limit 3 MiB gzip on Workers Free, 10 MiB on Paid)`);
    if (worker.largestParts?.length) lines.push(`  cloudflare: largest parts: ${formatParts(worker.largestParts, worker.bytes!)}`);
    if (worker.startupMs !== undefined) lines.push(`  cloudflare: startup ${worker.startupMs} ms in workerd (limit ${STARTUP_LIMIT_MS / 1000} s)`);
  }

  if (manifest.warnings.length > 0) {
    lines.push('', `Warnings (${manifest.warnings.length}):`);
    for (const warning of manifest.warnings) lines.push(`  ${formatWarning(warning)}`);
  }
  if (notes.length > 0) lines.push('', ...notes);

  const targets = [aws && 'aws', worker && 'cloudflare'].filter(Boolean).join(' + ');
  const awsBytes = functions.reduce((sum, f) => sum + (f.bytes ?? 0), 0);
  lines.push('', `Built ${functions.length} functions and ${assets.length} assets for ${targets} into ${outDir} in ${seconds(manifest.durationMs ?? 0)}` +
    `${aws ? `; aws bundles ${kib(awsBytes)}` : ''}${worker ? `; worker ${kib(worker.gzipBytes!)} gzip${worker.startupMs !== undefined ? `, starts in ${worker.startupMs} ms` : ''}` : ''}` +
    `; ${manifest.warnings.length} warning${manifest.warnings.length === 1 ? '' : 's'}.`);
  return lines.join('\n');
}

export function formatWarning(warning: ManifestWarning): string {
  const where = warning.file ? `${warning.file}${warning.line ? `:${warning.line}` : ''}: ` : '';
  return `${where}${warning.target ? `[${warning.target}] ` : ''}${warning.message}`;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
