'use strict';
// Preloaded (`node -r`) into every process a test starts (see child-processes.ts). The test kills
// its children itself; this covers the one case it cannot: its jest worker dying first (a crash, a
// forced exit). The child is then re-parented, and ends itself and its process group.
const { isMainThread } = require('node:worker_threads');

if (isMainThread) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid === parent) return;
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      process.kill(process.pid, 'SIGKILL');
    }
  }, 500).unref();
}
