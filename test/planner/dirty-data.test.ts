import { assetOf, jamfDevice, plan } from '../support/planner-factories';

const SERIAL = 'DUPSERIAL01';
const older = jamfDevice(5, { serialNumber: SERIAL, reportDate: '2026-10-01T00:00:00.000Z', values: { memoryMb: 8192 } });
const newer = jamfDevice(300, { serialNumber: SERIAL, reportDate: '2026-11-01T00:00:00.000Z', values: { memoryMb: 16384 } });
const duplicateWarning = {
  code: 'duplicate_serial_in_jamf',
  serialNumber: SERIAL,
  jamfId: '300',
  message: `Jamf has several records with serial ${SERIAL} (ids 5, 300); the one with the latest inventory report is used`,
};

/** Jamf data that is not clean (R13, R15), decided by planBatch from plain records. */
describe('planBatch: duplicate serials and re-enrolment', () => {
  it.each([
    ['older first', [older, newer]],
    ['newer first', [newer, older]],
  ])('R13: of two records with one serial the latest report wins, whatever the order (%s), and it is reported', (_, devices) => {
    const result = plan(devices);
    expect(result.creates.map((c) => [c.serialNumber, c.jamfId, c.values.memoryMb])).toEqual([[SERIAL, '300', 16384]]);
    expect(result.skips).toEqual([{ reason: 'duplicate_serial_in_jamf', serialNumber: SERIAL, jamfId: '5' }]);
    expect(result.warnings).toEqual([duplicateWarning]);
  });

  it('R13: with equal report dates and no asset yet, the highest Jamf id wins (compared as numbers)', () => {
    const date = '2026-11-01T00:00:00.000Z';
    const result = plan([jamfDevice(10, { serialNumber: SERIAL, reportDate: date }), jamfDevice(9, { serialNumber: SERIAL, reportDate: date })]);
    expect(result.creates.map((c) => c.jamfId)).toEqual(['10']);
    expect(result.warnings[0].message).toContain('(ids 9, 10)');
  });

  it('R13: with equal report dates the asset keeps the record it follows, so runs never flip', () => {
    const date = '2026-11-01T00:00:00.000Z';
    const followed = jamfDevice(5, { serialNumber: SERIAL, reportDate: date });
    const other = jamfDevice(300, { serialNumber: SERIAL, reportDate: date, values: { memoryMb: 65536 } });
    for (const devices of [[followed, other], [other, followed]]) {
      const result = plan(devices, { assets: [assetOf(followed)] });
      expect(result.updates).toEqual([]);
      expect(result.unchanged).toEqual([{ assetId: `asset-${SERIAL}`, serialNumber: SERIAL }]);
      expect(result.skips).toEqual([{ reason: 'duplicate_serial_in_jamf', serialNumber: SERIAL, jamfId: '300' }]);
    }
    // The other record alone in a later batch (the followed one came earlier) is not applied either.
    const alone = plan([other], { assets: [assetOf(followed)] });
    expect(alone.updates).toEqual([]);
    expect(alone.skips).toEqual([{ reason: 'duplicate_serial_in_jamf', serialNumber: SERIAL, jamfId: '300' }]);
  });

  it('R13: across batches, the newer record replaces the older one written earlier in the run, once', () => {
    // Batch 2 of the first run: batch 1 wrote the older record (id 5); the newer one arrives now.
    const firstRun = plan([newer], { assets: [assetOf(older)], seenInRun: [[SERIAL, '5']] });
    expect(firstRun.updates).toEqual([expect.objectContaining({ jamfId: '300', changes: [{ field: 'memoryMb', old: 8192, new: 16384 }, { field: 'jamfId', old: '5', new: '300' }] })]);
    expect(firstRun.warnings).toEqual([duplicateWarning]);

    // The next run: the older record comes first again and must not roll the asset back.
    const nextRunBatch1 = plan([older], { assets: [assetOf(newer)] });
    expect(nextRunBatch1.updates).toEqual([]);
    expect(nextRunBatch1.skips).toEqual([{ reason: 'duplicate_serial_in_jamf', serialNumber: SERIAL, jamfId: '5' }]);
    const nextRunBatch2 = plan([newer], { assets: [assetOf(newer)], seenInRun: [[SERIAL, '5']] });
    expect(nextRunBatch2.updates).toEqual([]);
    expect(nextRunBatch2.warnings).toEqual([duplicateWarning]);
  });

  it('R13: a record older than what its asset holds (a late webhook) is skipped as stale, never applied', () => {
    const current = jamfDevice(1, { reportDate: '2026-11-02T00:00:00.000Z', values: { memoryMb: 32768 } });
    const late = jamfDevice(1, { reportDate: '2026-11-01T00:00:00.000Z', values: { memoryMb: 8192 } });
    const result = plan([late], { assets: [assetOf(current)] });
    expect(result.updates).toEqual([]);
    expect(result.skips).toEqual([{ reason: 'stale_record', serialNumber: 'C02PLAN00001', jamfId: '1' }]);
    expect(result.warnings).toEqual([]);
  });

  it('R15: re-enrolment under a new Jamf id updates the same asset by serial, Jamf id included, with no duplicate warning', () => {
    const enrolled = jamfDevice(40, { serialNumber: 'REENROLL001' });
    const reEnrolled = jamfDevice(41, { serialNumber: 'REENROLL001', reportDate: '2026-11-20T00:00:00.000Z' });
    const result = plan([reEnrolled], { assets: [assetOf(enrolled)] });
    expect(result.creates).toEqual([]);
    expect(result.updates).toEqual([
      expect.objectContaining({ assetId: 'asset-REENROLL001', jamfId: '41', reportDate: '2026-11-20T00:00:00.000Z', changes: [{ field: 'jamfId', old: '40', new: '41' }] }),
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('R15: a record that moved between kinds (computer ↔ mobile) still matches by serial', () => {
    const asComputer = jamfDevice(1);
    const result = plan([jamfDevice(1, { kind: 'mobile', jamfId: '77', assetType: 'tablet' })], { assets: [assetOf(asComputer)] });
    expect(result.creates).toEqual([]);
    expect(result.updates).toEqual([expect.objectContaining({ jamfKind: 'mobile', changes: [{ field: 'jamfId', old: '1', new: '77' }] })]);
  });
});
