/** The route table `tfa dev` prints: URL (or path for private entries), kind, visibility. */
import type { Project } from '../project/discover';

export function formatRouteTable(project: Project, baseUrl = ''): string {
  const rows = [
    ...project.functions.map((f) => ({ path: f.route, kind: 'function', visibility: f.visibility })),
    ...project.assets.map((a) => ({ path: a.route, kind: 'asset', visibility: a.visibility })),
  ]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((r) => ({ ...r, shown: r.visibility === 'private' ? r.path : `${baseUrl}${r.path}` }));
  const width = Math.max(...rows.map((r) => r.shown.length), 4);
  return rows
    .map((r) => {
      const note = r.visibility === 'private' ? 'only through Runtime' : r.visibility === 'protected' ? 'needs X-Twilio-Signature' : '';
      return `  ${r.shown.padEnd(width)}  ${r.kind.padEnd(8)}  ${r.visibility.padEnd(9)}  ${note}`.trimEnd();
    })
    .join('\n');
}
