#!/usr/bin/env node
// The CLI and TypeScript function files are loaded through tsx, so no compile step is needed.
require('tsx/cjs/api').register();
require('../src/cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => { if (typeof code === 'number') process.exitCode = code; })
  .catch((error) => {
    console.error(`tfa: ${error && error.message ? error.message : error}`);
    process.exitCode = 1;
  });
