/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // PGlite starts in ~5 s; integration tests open one instance per file.
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Kills every child process a test started when the test ends (test/support/child-processes.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
  maxWorkers: 2,
};
