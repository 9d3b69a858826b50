import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';

/** The demo starts a simulator and `jamf-sync serve` (its own child), and syncs: minutes on a loaded machine. */
const DEMO_DEADLINE_MS = 180_000;

/** The README's first command: the demo runs end to end with no configuration and no network. */
describe('npm run demo', () => {
  it('syncs a simulated fleet, applies webhooks, and shows what changed and where to look', async () => {
    const demo = runCli(['demo', '--exit', '--computers', '20', '--mobiles', '20'], {});
    const { code } = await demo.waitForExit({ timeoutMs: DEMO_DEADLINE_MS });
    const out = demo.stdout();
    if (code !== 0) throw new Error(`demo failed (${code}):\n${out}\n${demo.stderr()}`);
    expect(out).toMatch(/1\. First full sync/);
    expect(out).toMatch(/run [0-9a-f-]{36}: succeeded/);
    expect(out).toMatch(/\d+ assets created/);
    expect(out).toMatch(/ComputerInventoryCompleted for computer \d+ \(memory upgraded\) \(XML\): answered 202/);
    expect(out).toMatch(/memoryMb \d+ → 65536/);
    expect(out).toMatch(/operatingSystem "macOS [^"]+" → "macOS 26\.1 \(25B78\)"/);
    expect(out).toMatch(/DEMO[0-9A-F]{8}: new asset created/);
    expect(out).toMatch(/curl http:\/\/127\.0\.0\.1:\d+\/readyz/);
    expect(out).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\/ \(sign in with the API token: \S+\)/);
  }, timeoutForChildWaits(1, DEMO_DEADLINE_MS));
});
