import os from 'node:os';

/** host:pid of this process: tells a crashed run or lease holder from one still going. */
export const PROCESS_OWNER = `${os.hostname()}:${process.pid}`;

/**
 * True when `owner` ("host:pid[:…]") names a process on this host that no longer exists. Only a
 * local owner can be checked; a remote one is judged by its heartbeat or lease expiry instead.
 */
export function isDeadLocalOwner(owner: string | null | undefined): boolean {
  if (!owner) return false;
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
