#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources through tsx so `npx jamf-sync` works right after `npm ci`, with no
// build step to forget. Without tsx (a devDependency: the Docker image installs runtime
// dependencies only) it runs the compiled build (`npm run build`).
const path = require('node:path');

let tsx = null;
try {
  tsx = require.resolve('tsx/cjs');
} catch {
  // not installed: the compiled build below
}
if (tsx) {
  require(tsx);
  require('../src/cli.ts');
} else {
  try {
    require.resolve('../dist/src/cli.js');
  } catch {
    process.stderr.write(`jamf-sync: no compiled build at ${path.resolve(__dirname, '../dist')} and no tsx to run the sources: run \`npm run build\` (or \`npm ci\` with dev dependencies)\n`);
    process.exit(1);
  }
  require('../dist/src/cli.js');
}
