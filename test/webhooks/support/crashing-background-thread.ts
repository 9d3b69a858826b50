/**
 * A background thread that dies as a bug would: it starts the real background work, then throws
 * an uncaught error, once per database (a marker file tells later threads it already happened).
 */
import fs from 'node:fs';
import { workerData } from 'node:worker_threads';
import type { BackgroundThreadData } from '../../../src/service/background-thread-messages';
import '../../../src/service/background-thread-main';

const { config } = workerData as BackgroundThreadData;
// The test looks for the same name.
const marker = `${process.env.TMPDIR ?? '/tmp'}/${(config.DATABASE_URL ?? '').replace(/\W+/g, '_')}.crashed`;
if (!fs.existsSync(marker)) {
  fs.writeFileSync(marker, 'crashed');
  setTimeout(() => {
    throw new Error('background work hit a bug');
  }, 200);
}
