import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliOptionError, simulatorOptionsFromFlags, tenantOptionsFromFlags, tlsFilesFromFlags, type RawSimulatorFlags } from '../simulator/cli-options';
import { DEFAULT_FAULTS } from '../simulator/faults';
import type { SimulatorFleet } from '../simulator/fleet-types';
import { DEFAULT_JAMF_VERSION } from '../simulator/jamf-version';
import { DEFAULT_CREDENTIALS, DEFAULT_FLEET_SIZE } from '../simulator/simulator-defaults';
import { startSimulator } from '../simulator/start-simulator';
import { startTenantSimulator } from '../simulator/start-tenant-simulator';
import { exitCodeFor } from './exit-codes';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

/** `jamf-sync simulator`: a Jamf Pro tenant on localhost for the demo, manual tests and benchmarks. */
export function registerSimulatorCommand(program: Command): void {
  program
    .command('simulator')
    .description(COMMAND_DESCRIPTIONS.simulator)
    .option('--port <port>', 'port to listen on, 0 = any free port', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--computers <n>', 'generated computers', String(DEFAULT_FLEET_SIZE.computers))
    .option('--mobiles <n>', 'generated mobile devices', String(DEFAULT_FLEET_SIZE.mobiles))
    .option('--seed <s>', 'seed of the generated fleet (same seed, same fleet)', String(DEFAULT_FLEET_SIZE.seed))
    .option('--fleet <file.json>', 'load {computers, mobileDevices, departments, buildings} instead of generating')
    .option('--client-id <id>', 'API client id', DEFAULT_CREDENTIALS.clientId)
    .option('--client-secret <secret>', 'API client secret', DEFAULT_CREDENTIALS.clientSecret)
    .option('--username <name>', 'user account for Basic-auth tokens', DEFAULT_CREDENTIALS.username)
    .option('--password <password>', 'password of that account', DEFAULT_CREDENTIALS.password)
    .option('--jamf-version <version>', 'Jamf Pro release to play (10.49.0 or later): computer inventory v1 always, v3 from 11.23.0, v4 from 11.30.0', DEFAULT_JAMF_VERSION)
    .option('--latency-ms <ms>', 'added to every API request', String(DEFAULT_FAULTS.latencyMs))
    .option('--latency-per-record-ms <ms>', 'added per record returned', String(DEFAULT_FAULTS.latencyPerRecordMs))
    .option('--error-rate <share>', 'share of data requests answered 500 (0..1)', String(DEFAULT_FAULTS.errorRate))
    .option('--rate-limit-rate <share>', 'share of data requests answered 429 (0..1)', String(DEFAULT_FAULTS.rateLimitRate))
    .option('--retry-after <seconds>', 'Retry-After sent with 429', String(DEFAULT_FAULTS.retryAfterSeconds))
    .option('--token-lifetime <seconds>', 'lifetime of issued tokens', String(DEFAULT_FAULTS.tokenLifetimeSeconds))
    .option('--deny <privilege...>', 'privileges the API client lacks, e.g. "View Disk Encryption Recovery Key"')
    .option('--gateway-timeout-above <page-size>', 'list requests with a larger page-size answer 504, as Jamf Cloud\'s edge does (0 = off)', '0')
    .option('--unrenderable-computer <id...>', 'computers Jamf cannot render: every page holding one answers 500')
    .option('--unrenderable-mobile <id...>', 'mobile devices Jamf cannot render: every page holding one answers 500')
    .option('--tls-cert <file.pem>', 'serve HTTPS with this certificate (with --tls-key)')
    .option('--tls-key <file.pem>', 'private key of --tls-cert')
    .option('--tenants <n>', 'serve n tenants under /t/tenant-001 … (each its own fleet of --computers/--mobiles, seed + index, and credentials <client-id>-<tenant> / <client-secret>-<tenant>)')
    .option('--jamf-versions <list>', 'with --tenants: releases the tenants play in turn, e.g. 11.31.0,11.25.0,10.49.0')
    .action(async (flags: RawSimulatorFlags) => {
      try {
        const fleet = flags.fleet ? await readFleet(flags.fleet) : undefined;
        const options = simulatorOptionsFromFlags(flags, fleet);
        const tenantOptions = tenantOptionsFromFlags(flags, options);
        if (tenantOptions) {
          const many = await startTenantSimulator(tenantOptions);
          const names = [...many.tenants.keys()];
          process.stdout.write(`Jamf Pro simulator listening on ${many.url} (${names.length} tenants under /t/<name>: ${names[0]} … ${names[names.length - 1]})\n`);
          await new Promise<void>((resolve) => {
            const stop = (): void => void many.close().then(resolve, resolve);
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
          return;
        }
        const tlsFiles = tlsFilesFromFlags(flags);
        if (tlsFiles) options.tls = { cert: await readFile(tlsFiles.certFile), key: await readFile(tlsFiles.keyFile) };
        const simulator = await startSimulator(options);
        process.stdout.write(`Jamf Pro simulator listening on ${simulator.url}\n`);
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            void simulator.close().then(resolve, resolve);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      } catch (error) {
        process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = exitCodeFor(error);
      }
    });
}

async function readFleet(path: string): Promise<SimulatorFleet> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliOptionError(`${path} must hold a JSON object {computers, mobileDevices, departments, buildings}`);
  }
  const fleet = parsed as Record<string, unknown>;
  for (const key of ['computers', 'mobileDevices', 'departments', 'buildings']) {
    if (fleet[key] !== undefined && fleet[key] !== null && !Array.isArray(fleet[key])) {
      throw new CliOptionError(`${path}: "${key}" must be an array`);
    }
  }
  return fleet as SimulatorFleet;
}
