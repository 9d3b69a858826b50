'use strict';
// Runs the real `explain` command (commander, stdin, exit code) without src/cli.ts, so its spawn test
// does not depend on the CLI wiring; test/catalog/explain-cli.test.ts also spawns bin/jamf-sync.cjs.
require('tsx/cjs');
const { Command } = require('commander');
const { registerExplainCommand } = require('../../../src/cli/explain-command.ts');

const program = new Command('jamf-sync').exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
registerExplainCommand(program);
void program.parseAsync(process.argv);
