import { validateRecords } from '../../src/jamf/record-validation';
import { computerInventoryRecordSchema } from '../../src/jamf/schemas';

describe('validateRecords', () => {
  it('skips one malformed record, reports its id and issue paths, and keeps the others', () => {
    const { records, invalid } = validateRecords(
      [{ id: '1' }, { id: '2', hardware: { processorSpeedMhz: 'fast' } }, { id: '3' }, 'garbage'],
      computerInventoryRecordSchema,
      'computer',
      'id',
    );
    expect(records.map((record) => record.id)).toEqual(['1', '3']);
    expect(invalid).toEqual([
      { kind: 'computer', id: '2', issues: [expect.objectContaining({ path: 'hardware.processorSpeedMhz' })] },
      { kind: 'computer', id: null, issues: [expect.objectContaining({ path: '(record)' })] },
    ]);
  });
});
