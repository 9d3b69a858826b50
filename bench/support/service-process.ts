import type { ChildProcess } from 'node:child_process';
import { spawnListening } from './listening-process';

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM, as an orchestrator stops it; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** `jamf-sync serve` in its own process, as it is deployed: nothing of the benchmark runs in it. */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const { url, child } = await spawnListening(['serve'], { ...process.env, ...env });
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    url,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
