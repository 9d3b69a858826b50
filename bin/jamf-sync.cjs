#!/usr/bin/env node
'use strict';
// Runs the compiled build (dist/, from `npm run build`) when it is current, else the TypeScript
// sources through tsx, so `npx jamf-sync` works right after `npm ci` with no build step to forget,
// and answers at once after one (tsx compiles every module it loads on each start; see
// docs/benchmarks.md). Without tsx (a devDependency: the Docker image installs runtime dependencies
// only, and holds no src/) it runs the compiled build.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// Built at run time, not a literal: the import-rule check must not require a build to exist.
const compiledCli = path.join(root, 'dist', 'src', 'cli.js');

/** Newest modification time under `dir` (ms), or 0 when it does not exist. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The build is current when its stamp (written by `npm run build`, dated when the build started)
 * is newer than every file under src/: a source edited since, or checked out by git, means tsx.
 */
function buildIsCurrent() {
  if (process.env.JAMF_SYNC_RUN_SOURCES === '1') return false;
  let stamp;
  try {
    stamp = fs.statSync(path.join(root, 'dist', 'build-stamp')).mtimeMs;
  } catch {
    return false;
  }
  return fs.existsSync(compiledCli) && newestMtime(path.join(root, 'src')) <= stamp;
}

function tsxIsInstalled() {
  try {
    require.resolve('tsx/cjs');
    return true;
  } catch {
    return false;
  }
}

if (buildIsCurrent()) {
  require(compiledCli);
} else if (tsxIsInstalled()) {
  require('tsx/cjs');
  require('../src/cli.ts');
} else if (fs.existsSync(compiledCli)) {
  require(compiledCli);
} else {
  process.stderr.write(`jamf-sync: no compiled build at ${path.join(root, 'dist')} and no tsx to run the sources: run \`npm run build\` (or \`npm ci\` with dev dependencies)\n`);
  process.exit(1);
}
