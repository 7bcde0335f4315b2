// Loads a Lambda handler file the way the Node.js Lambda runtime does: .mjs and .js under a
// package.json with "type": "module" are imported, everything else is required.
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

function isModule(file) {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) return JSON.parse(readFileSync(pkg, 'utf8')).type === 'module';
    if (path.dirname(dir) === dir) return false;
  }
}

module.exports = async function loadHandler(file) {
  const mod = isModule(file) ? await import(pathToFileURL(file).href) : require(file);
  const handler = mod.handler || (mod.default && mod.default.handler);
  if (typeof handler !== 'function') throw new Error(`${file} exports no handler function`);
  return handler;
};
