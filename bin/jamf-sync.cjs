#!/usr/bin/env node
'use strict';
// Runs the compiled build (dist/, from `npm run build`) when it is current, else the TypeScript
// sources through tsx, so `npx jamf-sync` works right after `npm ci` with no build step to forget,
// and answers at once after one (tsx compiles every module it loads on each start; see
// docs/benchmarks.md). The Docker image runs the compiled build (`node dist/src/cli.js`) directly.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

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
  return fs.existsSync(path.join(root, 'dist', 'src', 'cli.js')) && newestMtime(path.join(root, 'src')) <= stamp;
}

if (buildIsCurrent()) {
  require('../dist/src/cli.js');
} else {
  require('tsx/cjs');
  require('../src/cli.ts');
}
