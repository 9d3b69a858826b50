'use strict';
// Preloaded (NODE_OPTIONS=--require) into a process whose peak memory a benchmark measures: prints
// the peak resident set size on exit, as the kernel counted it (getrusage), so no sample is missed.
process.on('exit', () => {
  process.stderr.write(`peak-rss-bytes ${process.resourceUsage().maxRSS * 1024}\n`);
});
