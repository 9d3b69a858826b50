import { Command } from 'commander';
import { registerSimulatorCommand } from './src/simulator/cli-command';
const p = new Command('jamf-sync'); registerSimulatorCommand(p); void p.parseAsync(process.argv);
