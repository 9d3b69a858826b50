import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle } from '../db/open-database';
import type { Logger } from '../logging/logger';
import { startEmbeddedSocketServer } from '../db/embedded-socket/embedded-socket-server';

/** Folder of the socket inside DATA_DIR; its name is what PostgreSQL clients expect (`psql -h <folder>`). */
export const ADMIN_SOCKET_FOLDER = 'admin-socket';
const SOCKET_NAME = '.s.PGSQL.5432';
/** Linux's limit for a Unix socket's path (sun_path, 108 bytes with the final NUL). */
const MAX_SOCKET_PATH_BYTES = 107;
/**
 * The longest a command may keep the database to itself: webhooks wait meanwhile, and Jamf drops
 * a webhook not answered within 2 s. A command's transactions take milliseconds to a few hundred
 * (an import of thousands of rows; see README "Administering a running serve").
 */
export const MAX_COMMAND_HOLD_MS = 1000;

export interface SharedDatabase {
  readonly socketPath: string;
  close(): Promise<void>;
}

/**
 * `serve` on the embedded database shares it with the commands run beside it (`docker exec …
 * jamf-sync connections add`): PostgreSQL's protocol on a Unix socket in DATA_DIR, in a folder
 * only this user may enter, its path written in the folder's lock for commands to find.
 */
export async function shareEmbeddedDatabase(database: DatabaseHandle, logger: Logger): Promise<SharedDatabase | undefined> {
  const embedded = database.embedded;
  if (!embedded) return undefined;
  const folder = path.join(embedded.dataDir, ADMIN_SOCKET_FOLDER);
  const socketPath = path.join(folder, SOCKET_NAME);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
    logger.warn(
      { socketPath },
      `DATA_DIR is too long a path for a Unix socket (at most ${MAX_SOCKET_PATH_BYTES - ADMIN_SOCKET_FOLDER.length - SOCKET_NAME.length - 2} characters): ` +
        'commands cannot reach this serve and are refused while it runs',
    );
    return undefined;
  }
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.chmodSync(folder, 0o700);
  const server = await startEmbeddedSocketServer(embedded.client, socketPath, {
    maxHoldMs: MAX_COMMAND_HOLD_MS,
    onSessionEnded: ({ reason, abnormal }) => {
      if (abnormal) logger.warn({ reason }, 'a command connected to the embedded database was disconnected');
    },
  });
  await embedded.lock.publishSocket(socketPath);
  logger.info({ socketPath }, 'embedded database shared with commands on a Unix socket');
  return {
    socketPath,
    close: async () => {
      await embedded.lock.publishSocket(null).catch(() => undefined);
      await server.close();
    },
  };
}
