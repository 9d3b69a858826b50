import { assetOf, jamfDevice, plan } from '../support/planner-factories';
import { diffJamfOwnedFields, JAMF_OWNED_FIELDS } from '../../src/planner/jamf-owned-fields';

/** Existing assets (R5, R6) and their secure facts (R12), decided by planBatch from plain records. */
describe('planBatch: existing assets', () => {
  it('R5: Jamf-owned fields are overwritten, each change listed with its old and new value', () => {
    const stored = jamfDevice(1);
    const result = plan(
      [jamfDevice(1, { values: { memoryMb: 32768, operatingSystem: 'macOS 14.6.1 (23G93)', color: 'Silver', storageType: 'Fusion' } })],
      { assets: [assetOf(stored)] },
    );
    expect(result.creates).toEqual([]);
    expect(result.updates).toEqual([
      expect.objectContaining({
        assetId: 'asset-C02PLAN00001',
        changes: [
          { field: 'color', old: 'Space Gray', new: 'Silver' },
          { field: 'memoryMb', old: 16384, new: 32768 },
          { field: 'storageType', old: 'SSD', new: 'Fusion' },
          { field: 'operatingSystem', old: 'macOS 14.5.0 (23F79)', new: 'macOS 14.6.1 (23G93)' },
        ],
      }),
    ]);
  });

  it('R5: every Jamf-owned field can be filled in when the asset lacks it', () => {
    const device = jamfDevice(1, { values: { modelNumber: 'MRX33LL', keyboardLanguage: 'German', imei: '35 1', processorFrequencyMhz: 2600 } });
    const empty = Object.fromEntries(JAMF_OWNED_FIELDS.map((field) => [field, null]));
    const result = plan([device], { assets: [assetOf(device, { values: empty })] });
    expect(result.updates[0].changes.map((c) => c.field)).toEqual([...JAMF_OWNED_FIELDS]);
  });

  it.each([
    ['null', { processor: null, memoryMb: null }],
    ['empty or blank text', { processor: '', color: '   ', operatingSystem: '' }],
    ['0 MHz (Apple silicon) and 0 MB (before the first inventory)', { processorFrequencyMhz: 0, memoryMb: 0, storageMb: 0 }],
  ])('R5: a value Jamf lacks (%s) never erases a stored one', (_, lacking) => {
    const stored = jamfDevice(1, { values: { processorFrequencyMhz: 2600 } });
    const result = plan([jamfDevice(1, { values: { processorFrequencyMhz: 2600, ...lacking } })], { assets: [assetOf(stored)] });
    expect(result.updates).toEqual([]);
    expect(result.unchanged).toEqual([{ assetId: 'asset-C02PLAN00001', serialNumber: 'C02PLAN00001' }]);
  });

  it('R5: display sizes read back from the database as float4 are the same size, a real change is not', () => {
    expect(diffJamfOwnedFields({ displaySizeInches: 13.300000190734863 }, { displaySizeInches: 13.3 })).toEqual([]);
    expect(diffJamfOwnedFields({ displaySizeInches: 13.3 }, { displaySizeInches: 14.2 })).toEqual([{ field: 'displaySizeInches', old: 13.3, new: 14.2 }]);
  });

  it('R6: a sync plans no assignee, employee, location, status or condition for an existing asset', () => {
    const stored = jamfDevice(1, { assignee: { email: 'first@acme.example', firstName: 'First', lastName: 'User' } });
    const moved = jamfDevice(1, { assignee: { email: 'someone.else@acme.example', firstName: 'Someone', lastName: 'Else' }, values: { memoryMb: 8192 } });
    const result = plan([moved], { assets: [assetOf(stored)], employees: [{ id: 'emp-x', firstName: 'Someone', lastName: 'Else', emails: ['x@acme.example'] }] });
    expect(result.newEmployees).toEqual([]);
    expect(result.employeesLinked).toBe(0);
    expect(result.warnings).toEqual([]);
    expect(result.updates).toHaveLength(1);
    // An update carries only Jamf's facts and bookkeeping: nothing the inventory owns.
    expect(Object.keys(result.updates[0]).sort()).toEqual(['assetId', 'changes', 'jamfId', 'jamfKind', 'managed', 'reportDate', 'secure', 'serialNumber']);
    expect(result.updates[0].changes).toEqual([{ field: 'memoryMb', old: 16384, new: 8192 }]);
  });

  it('R6: the fields a sync may overwrite exclude everything the inventory owns', () => {
    for (const owned of ['assignee', 'assigneeEmployeeId', 'location', 'status', 'condition']) {
      expect(JAMF_OWNED_FIELDS).not.toContain(owned);
    }
  });

  it('R12: secure facts are planned apart from the asset fields, so the change log never carries them', () => {
    const stored = jamfDevice(1);
    const result = plan([jamfDevice(1, { secure: { activationLockEnabled: true, appleCareId: ' AC-123 ' } })], { assets: [assetOf(stored)] });
    expect(result.updates).toEqual([
      expect.objectContaining({ changes: [], secure: { activationLockEnabled: true, recoveryLockEnabled: false, appleCareId: 'AC-123' } }),
    ]);
  });

  it('R12: a secure fact Jamf does not report keeps its stored value; unchanged facts are not written again', () => {
    const stored = jamfDevice(1, { secure: { activationLockEnabled: true, recoveryLockEnabled: true, appleCareId: 'AC-9' } });
    const silent = jamfDevice(1, { secure: { activationLockEnabled: null, recoveryLockEnabled: null, appleCareId: null } });
    const result = plan([silent], { assets: [assetOf(stored)] });
    expect(result.updates).toEqual([]);
    expect(result.unchanged).toHaveLength(1);
  });

  it('R12: an asset without a secure row gets one, and a new asset carries its secure facts', () => {
    const device = jamfDevice(1, { secure: { recoveryLockEnabled: true } });
    const existing = plan([device], { assets: [assetOf(device, { secure: null })] });
    expect(existing.updates[0].secure).toEqual({ activationLockEnabled: false, recoveryLockEnabled: true, appleCareId: null });
    const created = plan([device]);
    expect(created.creates[0].secure).toEqual({ activationLockEnabled: false, recoveryLockEnabled: true, appleCareId: null });
    expect(Object.keys(created.creates[0].values)).not.toContain('recoveryLockEnabled');
  });
});
