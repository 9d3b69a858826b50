/**
 * Import rules checked by `npm run lint:deps` (part of `npm test`).
 *
 * - No import cycle between files: a cycle means two files are one concept split in two, or one
 *   of them sits in the wrong folder.
 * - The pure folders (the catalog, the planner, explain's input/option parsing, the API's role
 *   decision and the connection scopes) decide things from plain values; they never reach the
 *   database, Jamf, HTTP, the file system or the process,
 *   so their tests run in milliseconds with plain records. Type-only imports are allowed: they
 *   vanish at compile time.
 */
const PURE = '^src/(catalog|planner|explain|access|scope)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files import each other in a loop: move the shared part into a file of its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-imports-only-pure-code',
      severity: 'error',
      comment: 'catalog/, planner/, explain/, access/ and scope/ are pure: they may import only each other (or types).',
      from: { path: PURE },
      to: {
        path: '^src/',
        pathNot: PURE,
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'pure-does-no-io',
      severity: 'error',
      comment: 'catalog/, planner/, explain/, access/ and scope/ are pure: no file, network, process or database modules.',
      from: { path: PURE },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing (a moved or deleted file).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // The fixture tree breaks every rule on purpose (test/foundation/import-rules.int.test.ts).
    exclude: { path: ['^src/db/migrations/', '^test/fixtures/'] },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
