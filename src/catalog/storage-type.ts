import type { StorageType } from './types';

/*
 * Macs name their disks with the kind first: "APPLE SSD AP0512Q", "APPLE HDD TOSHIBA MK5065GSXF",
 * "APPLE SSD SM0128G". A Fusion Drive is reported as a logical volume named "Fusion…".
 * A model with none of these words tells nothing (a bare "ST1000DM003" could be a hybrid drive).
 */
const FUSION = /\bfusion\b/i;
const SSD = /\b(?:ssd|solid[ -]state|nvme|flash)\b/i;
const HDD = /\b(?:hdd|hard (?:disk|drive))\b/i;

export function storageTypeFromDiskModel(diskModel: string | null | undefined): StorageType | null {
  if (typeof diskModel !== 'string' || diskModel.trim() === '') return null;
  if (FUSION.test(diskModel)) return 'Fusion';
  const ssd = SSD.test(diskModel);
  const hdd = HDD.test(diskModel);
  if (ssd === hdd) return null;
  return ssd ? 'SSD' : 'HDD';
}

/** An extension attribute's free text ("Solid State", "hdd", "Fusion Drive") → a storage type. */
export function storageTypeFromText(text: string): StorageType | null {
  const trimmed = text.trim();
  if (/^flash$/i.test(trimmed)) return 'Flash';
  return storageTypeFromDiskModel(trimmed);
}
