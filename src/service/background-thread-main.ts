/**
 * Entry point of the background thread (started by background-thread.ts, never run directly): opens
 * its own PostgreSQL pool and runs the inbox worker and the scheduler, so their CPU work (Jamf
 * pages parsed and validated, batches planned) never delays a webhook's acknowledgement on the
 * service's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open-database';
import { secretBoxFromConfig } from '../crypto/secret-box-from-config';
import { createLogger } from '../logging/logger';
import { configuredSecrets } from '../logging/known-secrets';
import { startBackgroundWork, type BackgroundWork } from './background-work';
import { toErrorShape } from '../api/start-sync';
import type { BackgroundThreadData, FromBackgroundThread, ToBackgroundThread } from './background-thread-messages';
import { forwardTelemetry } from '../metrics/thread-forwarding';
import { settledWithin } from './settled-within';

const { config, options } = workerData as BackgroundThreadData;
const port = parentPort!;
const post = (message: FromBackgroundThread) => port.postMessage(message);
const logger = createLogger({ level: config.LOG_LEVEL, secrets: configuredSecrets(config) }).child({ thread: 'background' });
const telemetry = forwardTelemetry((batch) => post({ type: 'telemetry', batch }));

async function main(): Promise<void> {
  // The service thread opened, migrated and set up the database before starting this thread.
  // Everything done here is redone if lost: a webhook's row is marked done in a commit after its
  // asset's, and a run cut short is marked interrupted and run again. So commits here need not
  // wait for the disk; the receiver's, which hold what was acknowledged, still do.
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, synchronousCommit: false });
  let work: BackgroundWork;
  try {
    work = await startBackgroundWork(
      { db: database.db, config, box: secretBoxFromConfig(config), logger },
      { ...options, workerOptions: { ...options.workerOptions, onBatch: (totals) => post({ type: 'totals', totals: { ...totals } }) } },
    );
  } catch (err) {
    await database.close();
    throw err;
  }
  port.on('message', (message: ToBackgroundThread) => {
    if (message.type === 'wake') work.wake();
    if (message.type === 'sync') {
      const { requestId, organizationSlug, dryRun, selection } = message;
      work.startSync(organizationSlug, { dryRun, selection }).then(
        (started) => post({ type: 'syncStarted', requestId, started }),
        (err) => post({ type: 'syncFailed', requestId, error: toErrorShape(err) }),
      );
    }
    if (message.type === 'stop') {
      const ends = Date.now() + message.timeoutMs;
      void work.stop(message.timeoutMs).then(async (unfinished) => {
        telemetry.stop();
        telemetry.flush();
        post({ type: 'stopped', totals: { ...work.totals }, unfinished });
        // The pool's end waits for connections still lent to work left behind: within the
        // deadline only. The service ends the thread at its deadline, which drops them.
        await settledWithin(database.close(), Math.max(0, ends - Date.now()));
        port.close();
      });
    }
  });
  post({ type: 'ready', workerOwner: work.workerOwner });
}

main().catch((err: Error) => {
  logger.error({ err }, 'background work could not start');
  post({ type: 'failed', message: err.message });
  port.close();
});
