#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources through tsx so `npx jamf-sync` works right after `npm ci`, with no
// build step to forget. The Docker image runs the compiled build (`node dist/src/cli.js`) instead.
require('tsx/cjs');
require('../src/cli.ts');
