import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/**
 * `jamf-sync <args>` in a process of its own, resolved with the URL once it prints
 * "listening on http://…" (the simulator and serve both do).
 */
export async function spawnListening(args: string[], env?: SpawnOptions['env']): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/jamf-sync.cjs', ...args], { cwd: root, env: env ?? process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  return { url: await listeningUrl(child, `jamf-sync ${args[0]}`), child };
}

/** The URL a child process prints as "listening on http://…" on its stdout. */
export function listeningUrl(child: ChildProcess, name: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(buffered);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
  });
}
