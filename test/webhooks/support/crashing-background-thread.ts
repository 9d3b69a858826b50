/**
 * A background thread that dies as a bug would: it starts the real background work, then throws an
 * uncaught error as soon as its worker holds a claim (a webhook in `processing`), once per database
 * (a marker file tells later threads it already happened).
 */
import fs from 'node:fs';
import { workerData } from 'node:worker_threads';
import { Client } from 'pg';
import type { BackgroundThreadData } from '../../../src/service/background-thread-messages';
import '../../../src/service/background-thread-main';

const { config } = workerData as BackgroundThreadData;
// The test looks for the same name.
const marker = `${process.env.TMPDIR ?? '/tmp'}/${(config.DATABASE_URL ?? '').replace(/\W+/g, '_')}.crashed`;
if (!fs.existsSync(marker)) {
  const client = new Client({ connectionString: config.DATABASE_URL });
  void client.connect().then(async function poll(): Promise<void> {
    const { rowCount } = await client.query(`select 1 from webhook_inbox where status = 'processing'`);
    if (!rowCount) return void setTimeout(() => void poll(), 20);
    fs.writeFileSync(marker, 'crashed');
    throw new Error('background work hit a bug');
  });
}
