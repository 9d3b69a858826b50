import type { ExistingAsset } from '../../src/planner/plan-batch';
import { addPlanToCounts, emptyCounts } from '../../src/sync/run-tally';
import { assetFromCreate, assetOf, jamfDevice, plan } from '../support/planner-factories';

/**
 * What the planner contributes to a run's report (R17) and to a second run writing nothing (R18),
 * from plain records. The report itself (id, trigger, status, times) is assembled by SyncSession.
 */
describe('planBatch: reports and idempotence', () => {
  it('R17: a plan lists creations, field-level changes, skips and warnings, each with serial and Jamf id', () => {
    const stored = jamfDevice(1, { values: { memoryMb: 8192 } });
    const result = plan(
      [
        jamfDevice(1, { values: { memoryMb: 16384 } }),
        jamfDevice(2),
        jamfDevice(3, { managed: false, createBlockedBy: 'unmanaged' }),
        jamfDevice(4, { assignee: { email: 'nameless@acme.example', firstName: null, lastName: null } }),
      ],
      { assets: [assetOf(stored)] },
    );
    expect(result.updates.map((u) => [u.serialNumber, u.jamfId, u.changes])).toEqual([['C02PLAN00001', '1', [{ field: 'memoryMb', old: 8192, new: 16384 }]]]);
    expect(result.creates.map((c) => [c.serialNumber, c.jamfId, c.assetType])).toEqual([
      ['C02PLAN00002', '2', 'laptop'],
      ['C02PLAN00004', '4', 'laptop'],
    ]);
    expect(result.skips).toEqual([{ reason: 'unmanaged', serialNumber: 'C02PLAN00003', jamfId: '3' }]);
    expect(result.warnings.map((w) => [w.code, w.serialNumber, w.jamfId])).toEqual([['employee_not_created_missing_name', 'C02PLAN00004', '4']]);
  });

  it('R17: the run counts what a plan does; an update that only moves bookkeeping counts as unchanged', () => {
    const a = jamfDevice(1);
    const b = jamfDevice(2);
    const c = jamfDevice(3);
    const result = plan(
      [
        jamfDevice(1, { values: { memoryMb: 32768 } }), // a field changes
        jamfDevice(2, { reportDate: '2026-11-05T00:00:00.000Z' }), // only a newer report date
        c, // nothing moved
        jamfDevice(4, { assignee: { email: 'ann@acme.example', firstName: 'Ann', lastName: 'Lee' } }),
        jamfDevice(5, { assignee: { email: 'bo@acme.example' } }),
        jamfDevice(6, { assetType: 'unknown', createBlockedBy: 'unknown_asset_type' }),
      ],
      { assets: [assetOf(a), assetOf(b), assetOf(c)], employees: [{ id: 'emp-bo', firstName: 'Bo', lastName: 'Ray', emails: ['bo@acme.example'] }] },
    );
    const counts = emptyCounts();
    addPlanToCounts(counts, result);
    expect(counts).toEqual({
      fetched: 0,
      created: 2,
      updated: 1,
      unchanged: 2,
      skipped: { unknown_asset_type: 1 },
      employeesCreated: 1,
      employeesLinked: 2,
      removed: 0,
      warnings: 0,
      errors: 0,
    });
  });

  it('R18: planning the same Jamf data again after applying it plans no write at all', () => {
    const devices = [
      jamfDevice(1),
      jamfDevice(2, { kind: 'mobile', assetType: 'mobile', values: { imei: '35 209900 176148 1' }, secure: { activationLockEnabled: true } }),
      jamfDevice(3, { assignee: { email: 'nameless@acme.example', firstName: null, lastName: null } }),
    ];
    const first = plan(devices);
    expect(first.creates).toHaveLength(3);
    const written: ExistingAsset[] = first.creates.map(assetFromCreate);
    const employees = first.newEmployees.map((e) => ({ id: `emp-${e.normalizedEmail}`, firstName: e.firstName, lastName: e.lastName, emails: [e.email] }));

    const second = plan(devices, { assets: written, employees });
    expect(second.creates).toEqual([]);
    expect(second.updates).toEqual([]);
    expect(second.newEmployees).toEqual([]);
    expect(second.unchanged.map((u) => u.serialNumber)).toEqual(['C02PLAN00001', 'C02PLAN00002', 'C02PLAN00003']);
    // Assignees are decided only when an asset is created (R6), so the missing name is not reported again.
    expect(second.warnings).toEqual([]);
  });

  it('R18: after an update is applied, the same data plans nothing more', () => {
    const stored = jamfDevice(1, { values: { memoryMb: 8192 } });
    const changed = jamfDevice(1, { values: { memoryMb: 16384 }, reportDate: '2026-11-03T00:00:00.000Z', secure: { appleCareId: 'AC-1' } });
    const first = plan([changed], { assets: [assetOf(stored)] });
    expect(first.updates).toHaveLength(1);
    const update = first.updates[0];
    const applied = assetOf(stored, {
      jamfReportDate: update.reportDate,
      jamfManaged: update.managed,
      secure: update.secure,
      values: Object.fromEntries(update.changes.map((c) => [c.field, c.new])),
    });
    const second = plan([changed], { assets: [applied] });
    expect(second.updates).toEqual([]);
    expect(second.unchanged).toHaveLength(1);
  });
});
