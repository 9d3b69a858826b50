/**
 * Reads the openly licensed datasets in ../shared/apple-models (see its PROVENANCE.md) into plain
 * structures. Only the build script reads them; the service loads the generated catalog instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type NameSource = 'sofa-identifiers' | 'sofa-platform' | 'kyle' | 'ios-device-list' | 'devicekit';

export interface SourceName {
  readonly source: NameSource;
  readonly identifier: string;
  readonly name: string;
}

export interface SofaPlatformDevice {
  readonly identifier: string;
  readonly family: string;
  readonly deviceType: string;
  readonly marketingName: string;
}

export interface PartNumberRow {
  readonly identifier: string;
  readonly color: string;
  readonly partNumbers: readonly string[];
}

export interface DeviceKitRow {
  readonly identifiers: readonly string[];
  readonly description: string;
  readonly diagonalInches: number;
}

export interface AppleModelSources {
  readonly names: readonly SourceName[];
  readonly sofaPlatform: ReadonlyMap<string, SofaPlatformDevice>;
  readonly partNumbers: readonly PartNumberRow[];
  readonly deviceKit: readonly DeviceKitRow[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what}: expected an object`);
  return value as Record<string, unknown>;
}

export function readAppleModelSources(root: string): AppleModelSources {
  const names: SourceName[] = [];
  const sofaPlatform = new Map<string, SofaPlatformDevice>();

  const sofaIdentifiers = asRecord(readJson(join(root, 'sofa/device_identifiers.json')), 'sofa identifiers');
  for (const [identifier, name] of Object.entries(sofaIdentifiers)) {
    if (typeof name === 'string') names.push({ source: 'sofa-identifiers', identifier, name });
  }

  for (const platform of ['macos', 'ios', 'ipados', 'tvos', 'watchos']) {
    const file = asRecord(readJson(join(root, `sofa/${platform}_devices.json`)), `sofa ${platform}`);
    for (const [key, raw] of Object.entries(asRecord(file.devices, `sofa ${platform} devices`))) {
      const device = asRecord(raw, key);
      // SOFA keys the rack Mac Pro as "MacPro7,1-Rack"; it is MacPro7,1 in Jamf.
      const identifier = key.replace(/-Rack$/, '');
      const marketingName = String(device.marketingName ?? '');
      names.push({ source: 'sofa-platform', identifier, name: marketingName });
      if (!sofaPlatform.has(identifier)) {
        sofaPlatform.set(identifier, {
          identifier,
          family: String(device.Model ?? ''),
          deviceType: String(device.deviceType ?? ''),
          marketingName,
        });
      }
    }
  }

  for (const file of ['ios', 'mac', 'tvos', 'watchos', 'visionos']) {
    const kyle = asRecord(readJson(join(root, `kyle-apple-device-identifiers/${file}-device-identifiers.json`)), `kyle ${file}`);
    for (const [identifier, value] of Object.entries(kyle)) {
      for (const name of Array.isArray(value) ? value : [value]) {
        if (typeof name === 'string') names.push({ source: 'kyle', identifier, name });
      }
    }
  }

  const partNumbers: PartNumberRow[] = [];
  for (const file of ['iphone', 'ipad', 'ipad_air', 'ipad_mini', 'ipad_pro', 'apple_watch', 'apple_tv']) {
    const devices = readJson(join(root, `ios-device-list/${file}.json`));
    if (!Array.isArray(devices)) throw new Error(`ios-device-list ${file}: expected an array`);
    for (const raw of devices) {
      const device = asRecord(raw, file);
      const identifier = String(device.Identifier ?? '');
      if (typeof device.Generation === 'string') names.push({ source: 'ios-device-list', identifier, name: device.Generation });
      for (const model of Array.isArray(device.Models) ? device.Models : []) {
        const row = asRecord(model, identifier);
        const numbers = Array.isArray(row.Model) ? row.Model : [row.Model];
        partNumbers.push({
          identifier,
          color: String(row.Color ?? ''),
          partNumbers: numbers.filter((n): n is string => typeof n === 'string'),
        });
      }
    }
  }

  const deviceKit = readDeviceKitCsv(join(root, 'devicekit/devicekit-devices.csv'));
  for (const row of deviceKit) {
    for (const identifier of row.identifiers) names.push({ source: 'devicekit', identifier, name: row.description });
  }

  return { names, sofaPlatform, partNumbers, deviceKit };
}

/** The CSV quotes only the identifiers column; no field holds an escaped quote. */
function readDeviceKitCsv(path: string): DeviceKitRow[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const header = splitCsvLine(lines[0]);
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`devicekit CSV: no column ${name}`);
    return index;
  };
  const identifiers = column('identifiers');
  const description = column('description');
  const diagonal = column('diagonal_in');
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return {
      identifiers: cells[identifiers].split(' ').filter((id) => id !== ''),
      description: cells[description],
      diagonalInches: Number(cells[diagonal]),
    };
  });
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(current);
      current = '';
    } else current += c;
  }
  cells.push(current);
  return cells;
}
