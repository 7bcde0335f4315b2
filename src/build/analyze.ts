/**
 * Checks esbuild cannot do: `require(expression)` calls it leaves to run time, and packages with
 * native addons (which no bundle can carry).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import type { Project } from '../project/discover';
import type { BuildWarning } from './output-files';

/** `require(` followed by something other than a string literal. */
const DYNAMIC_REQUIRE = /(?<![.\w$])require\s*\(\s*(?!['"`)])([^)\n]*)/g;
/** Arguments the bundle answers at run time: paths from the Runtime client. */
const RUNTIME_PATH = /Runtime\.|\.path\b|Path\b/;

export function dynamicRequireWarnings(project: Project): BuildWarning[] {
  const warnings: BuildWarning[] = [];
  const files = [...project.functions, ...project.assets.filter((a) => a.visibility === 'private' && /\.(c|m)?(j|t)s$/.test(a.file))];
  for (const file of files) {
    const lines = readFileSync(file.file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      if (/^\s*(\/\/|\*)/.test(text)) return;
      for (const match of text.matchAll(DYNAMIC_REQUIRE)) {
        if (RUNTIME_PATH.test(match[1])) continue;
        warnings.push({
          file: file.source,
          line: index + 1,
          message: `require(${match[1].trim()}) is resolved only at run time: paths from Runtime.getFunctions()/getAssets() and Node built-ins work, other modules are not in the bundle (use a string literal so it gets bundled)`,
        });
      }
    });
  }
  return warnings;
}

/** Packages in a bundle that contain native code (binding.gyp or prebuilt .node files). */
export function nativeAddonWarnings(metafile: Metafile, projectRoot: string): BuildWarning[] {
  const packages = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)/.exec(path.resolve(projectRoot, input));
    if (match) packages.add(match[1]);
  }
  return [...packages]
    .filter((dir) => existsSync(path.join(dir, 'binding.gyp')) || existsSync(path.join(dir, 'prebuilds')))
    .map((dir) => ({
      message: `${path.basename(dir)} contains a native addon: it cannot run on Cloudflare Workers, and on Lambda only if built for Amazon Linux (ship it in a layer). Prefer a pure-JavaScript package`,
    }));
}
