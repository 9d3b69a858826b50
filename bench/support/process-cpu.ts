import fs from 'node:fs';

/**
 * CPU seconds used by groups of processes between two readings of /proc (Linux; elsewhere the
 * figures are empty). The webhook benchmark runs on a small machine where the service shares
 * the cores with the sender, the simulator and PostgreSQL: who used what explains the tail.
 */
export function processCpuMeter(groups: Record<string, () => number[]>) {
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux Node runs on
  const cpuOf = (pid: number) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond; // utime + stime
    } catch {
      return 0;
    }
  };
  const read = () => Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, cpuOf(pid)]))]));
  const before = read();
  return {
    /** CPU seconds per group since the meter was made (processes started since count from zero). */
    stop(): Record<string, number> {
      const after = read();
      return Object.fromEntries(
        Object.entries(after).map(([name, pids]) => [name, [...pids].reduce((sum, [pid, cpu]) => sum + cpu - (before[name].get(pid) ?? 0), 0)]),
      );
    },
  };
}

/** Pids of processes whose command name is `name` (e.g. every PostgreSQL backend). */
export function pidsNamed(name: string): number[] {
  if (!fs.existsSync('/proc')) return [];
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    })
    .map(Number);
}
