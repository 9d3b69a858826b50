import type { RunningSimulator } from '../simulator/start-simulator';
import { getPath } from '../simulator/deep-merge';

/** Memory sizes a demo computer is "upgraded" to in turn (MB). */
const MEMORY_STEPS = [16384, 24576, 32768, 65536];

/**
 * While the demo keeps running: every `everyMs`, one managed computer in the simulator gets more
 * memory and its ComputerInventoryCompleted webhook is sent, so the dashboard's Runs page shows a
 * webhook run arriving and its change. Returns the function that stops it.
 */
export function sendLiveWebhooks(
  sim: RunningSimulator,
  options: { url: string; auth: { basic: { username: string; password: string } }; everyMs: number; report: (line: string) => void },
): () => void {
  const computers = sim.store
    .list('computers')
    .filter((r) => getPath(r, 'general.remoteManagement.managed') && getPath(r, 'hardware.serialNumber'));
  let turn = 0;
  let sending = false;
  const timer = setInterval(async () => {
    if (sending || computers.length === 0) return;
    sending = true;
    const computer = computers[turn % computers.length];
    turn++;
    // The next size up from what it has now (then round again), so each webhook brings a change.
    const now = sim.store.list('computers').find((r) => r.id === computer.id);
    const current = Number(getPath(now ?? computer, 'hardware.totalRamMegabytes'));
    const memory = MEMORY_STEPS.find((m) => m > current) ?? MEMORY_STEPS[0];
    try {
      sim.store.patch('computers', String(computer.id), { hardware: { totalRamMegabytes: memory } });
      const delivery = await sim.sendWebhook({ url: options.url, event: 'ComputerInventoryCompleted', deviceId: String(computer.id), format: 'json', auth: options.auth });
      options.report(`   webhook: computer ${computer.id} now has ${memory} MB of memory (answered ${delivery.status})`);
    } catch (err) {
      options.report(`   webhook for computer ${computer.id} not sent: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      sending = false;
    }
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
