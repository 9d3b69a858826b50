/**
 * What part of Jamf a run reads: everything (the nightly reconcile), one device kind (`--only`),
 * or named serial numbers (`--serial`). Pure. Only a run of everything may conclude that a device
 * left Jamf (R14): a partial run does not see the devices it did not ask for.
 */
import { normalizeSerial } from '../planner/jamf-device';

export type DeviceKindChoice = 'computers' | 'mobiles';
export const DEVICE_KIND_CHOICES: readonly DeviceKindChoice[] = ['computers', 'mobiles'];

export interface RunSelection {
  /** Only these serial numbers (normalized, no repeats); absent or empty means every device. */
  serials?: readonly string[];
  /** Only this device kind; absent means both. */
  only?: DeviceKindChoice;
}

/** The run's `mode` as recorded (runs export, API): `full` only for a run of everything. */
export type SelectionMode = 'full' | 'serial' | DeviceKindChoice;

/** More serials than this would make one very long filter URL; sync a kind or everything instead. */
export const MAX_SERIALS = 100;
/**
 * Apple serials are 8 to 12 letters and digits; virtual machines and repaired boards show longer
 * ones with `-`, `+`, `/`, `.`, `_` or spaces. Quotes, commas, parentheses and `*` stay out, so a
 * serial can be quoted into an RSQL filter without changing its meaning.
 */
const SERIAL_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9 +/._-]*[A-Za-z0-9])?$/;
const SERIAL_MIN = 4;
const SERIAL_MAX = 40;

export function isCompleteRun(selection: RunSelection): boolean {
  return !selection.only && !selection.serials?.length;
}

export function selectionMode(selection: RunSelection): SelectionMode {
  if (selection.serials?.length) return 'serial';
  return selection.only ?? 'full';
}

export function selectedKinds(selection: RunSelection): Array<'computer' | 'mobile'> {
  if (selection.only === 'computers') return ['computer'];
  if (selection.only === 'mobiles') return ['mobile'];
  return ['computer', 'mobile'];
}

/** Why this serial cannot be asked for, or null when it can. */
export function serialProblem(raw: string): string | null {
  const serial = raw.trim();
  if (serial.length < SERIAL_MIN || serial.length > SERIAL_MAX) {
    return `"${printable(serial)}": a serial number has ${SERIAL_MIN} to ${SERIAL_MAX} characters, this one ${serial.length}`;
  }
  if (!SERIAL_PATTERN.test(serial)) {
    return `"${printable(serial)}": a serial number has letters and digits (inside it also - + / . _ or spaces), nothing else`;
  }
  return null;
}

/** Every problem with a list of serials (empty when it can be used), in the order given. */
export function serialListProblems(serials: readonly string[]): string[] {
  const problems = serials.map(serialProblem).filter((p): p is string => p !== null);
  if (serials.length > MAX_SERIALS) problems.push(`${serials.length} serial numbers: at most ${MAX_SERIALS} per run (sync a device kind or everything instead)`);
  return problems;
}

/** Normalized (trimmed, upper case, as assets store them) and without repeats. Call after validating. */
export function normalizeSerials(serials: readonly string[]): string[] {
  return [...new Set(serials.map((s) => normalizeSerial(s)).filter((s): s is string => s !== null))];
}

/** The RSQL filter Jamf applies for the selection's serials on one inventory endpoint; undefined for all. */
export function serialFilter(kind: 'computer' | 'mobile', selection: RunSelection): string | undefined {
  if (!selection.serials?.length) return undefined;
  // The computer inventory filters on the section path; mobile-devices/detail on its flat names.
  const field = kind === 'computer' ? 'hardware.serialNumber' : 'serialNumber';
  return `${field}=in=(${selection.serials.map((s) => `"${s}"`).join(',')})`;
}

function printable(value: string): string {
  const shown = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return shown.length > 50 ? `${shown.slice(0, 50)}…` : shown;
}
