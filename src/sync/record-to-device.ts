import { jamfRecordToAssetFacts } from '../catalog/jamf-record/jamf-record-facts';
import { asObject, at, text } from '../catalog/jamf-record/read-fields';
import { normalizeSerial, type JamfDevice } from '../planner/jamf-device';
import type { SyncTarget } from '../connections/sync-target';

/**
 * A raw Jamf record (paged computer inventory or paged mobile detail) → what the planner needs.
 * The asset facts come from the same mapper `explain` prints, so `explain` shows exactly what a
 * sync would write.
 */
export function mapJamfRecordToDevice(kind: 'computer' | 'mobile', record: unknown, target: Pick<SyncTarget, 'extensionAttributeMapping'>): JamfDevice {
  if (!asObject(record)) throw new Error('the record is not a JSON object');
  const facts = jamfRecordToAssetFacts(record, kind, { eaMapping: target.extensionAttributeMapping });
  const jamfId = facts.asset.jamfId;
  if (!jamfId) throw new Error('the record has no id');
  const a = facts.asset;
  const managed = kind === 'computer' ? at(record, 'general', 'remoteManagement', 'managed') === true : at(record, 'general', 'managed') === true;
  const reportDate = text(kind === 'computer' ? at(record, 'general', 'reportDate') : at(record, 'general', 'lastInventoryUpdateDate'));
  const skip = facts.skipReason;
  return {
    kind,
    jamfId,
    serialNumber: normalizeSerial(a.serialNumber),
    managed,
    reportDate: reportDate && !Number.isNaN(Date.parse(reportDate)) ? new Date(reportDate).toISOString() : null,
    assetType: a.assetType,
    values: {
      make: a.make,
      model: a.model,
      modelIdentifier: a.modelIdentifier,
      modelNumber: a.modelNumber,
      displaySizeInches: a.displaySizeInches,
      releaseDate: a.releaseDate,
      color: a.color,
      keyboardLanguage: a.keyboardLanguage,
      imei: a.imei,
      memoryMb: a.memoryMb,
      processor: a.processor,
      processorFrequencyMhz: a.processorFrequencyMhz,
      storageMb: a.storageMb,
      storageType: a.storageType,
      operatingSystem: a.operatingSystem,
      jamfId,
    },
    assignee: facts.assignee
      ? {
          email: facts.assignee.email,
          firstName: facts.assignee.firstName,
          lastName: facts.assignee.lastName,
          username: text(at(record, 'userAndLocation', 'username')),
        }
      : null,
    secure: { ...a.secure },
    createBlockedBy: skip,
    mappingWarnings: facts.warnings.map((w) => w.message),
  };
}
