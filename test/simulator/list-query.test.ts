import { filterAndSort, MAX_PAGE_SIZE, pageOf, parseFilter, parsePaging, parseSort } from '../../src/simulator/list-query';
import { COMPUTER_FILTER_FIELDS, COMPUTER_SORT_FIELDS } from '../../src/simulator/record-fields';
import { FieldError } from '../../src/simulator/rsql-matcher';

const records = ['1', '2', '10', '9', '11'].map((id, i) => ({
  id,
  general: { name: i % 2 === 0 ? 'Same' : `Mac ${id}`, reportDate: `2026-08-0${i + 1}T10:00:00.000Z` },
}));

describe('parsePaging', () => {
  it('defaults to page 0 of 100 and clamps page-size to 2000 silently', () => {
    expect(parsePaging(undefined, undefined)).toEqual({ page: 0, pageSize: 100 });
    expect(parsePaging('3', '5000')).toEqual({ page: 3, pageSize: MAX_PAGE_SIZE });
    expect(parsePaging(['2', '7'], '50')).toEqual({ page: 2, pageSize: 50 });
  });

  it('rejects negative, fractional or empty-sized pages', () => {
    expect(() => parsePaging('-1', '10')).toThrow(FieldError);
    expect(() => parsePaging('1.5', '10')).toThrow(FieldError);
    expect(() => parsePaging('0', '0')).toThrow(FieldError);
  });
});

describe('parseSort', () => {
  const ids = (sort: string[]): string[] =>
    filterAndSort(records, undefined, parseSort(sort, COMPUTER_SORT_FIELDS[4], 'general.name:asc', 'id')).map((r) => String(r.id));

  it('sorts ids numerically, both ways', () => {
    expect(ids(['id:asc'])).toEqual(['1', '2', '9', '10', '11']);
    expect(ids(['id:desc'])).toEqual(['11', '10', '9', '2', '1']);
  });

  it('sorts by date and breaks ties by id so pages are stable', () => {
    expect(ids(['general.reportDate:desc'])).toEqual(['11', '9', '10', '2', '1']);
    expect(ids(['general.name:asc'])).toEqual(['2', '9', '1', '10', '11']);
    expect(ids([])).toEqual(ids(['general.name:asc']));
    expect(ids(['general.name:asc,id:desc'])).toEqual(['2', '9', '11', '10', '1']);
  });

  it('rejects unknown fields and directions', () => {
    expect(() => ids(['color:asc'])).toThrow(/Cannot sort by field \[color\]/);
    expect(() => ids(['id:up'])).toThrow(FieldError);
  });

  it('sorts only by the fields Jamf documents for sorting, though more can be filtered on', () => {
    expect(COMPUTER_FILTER_FIELDS[4]['hardware.serialNumber']).toBeDefined();
    expect(() => ids(['hardware.serialNumber:asc'])).toThrow(/Cannot sort by field \[hardware.serialNumber\]/);
    expect(() => parseSort(['general.lastContactTime:asc'], COMPUTER_SORT_FIELDS[4], 'id:asc', 'id')).toThrow(FieldError);
    expect(() => parseSort(['general.lastContact:asc'], COMPUTER_SORT_FIELDS[3], 'id:asc', 'id')).toThrow(FieldError);
    expect(() => parseSort(['general.lastLoggedInUsernameMdm:asc'], COMPUTER_SORT_FIELDS[3], 'id:asc', 'id')).toThrow(FieldError);
    expect(() => parseSort(['general.lastContactTime:desc,general.lastLoggedInUsernameMdm:asc'], COMPUTER_SORT_FIELDS[1], 'id:asc', 'id')).not.toThrow();
  });
});

describe('pageOf', () => {
  it('slices zero-based pages and answers an empty page after the last', () => {
    const ordered = filterAndSort(records, parseFilter('id>1', COMPUTER_FILTER_FIELDS[4]), parseSort(['id:asc'], COMPUTER_SORT_FIELDS[4], 'id:asc', 'id'));
    expect(pageOf(ordered, { page: 0, pageSize: 3 })).toEqual({ totalCount: 4, results: ordered.slice(0, 3) });
    expect(pageOf(ordered, { page: 1, pageSize: 3 }).results.map((r) => r.id)).toEqual(['11']);
    expect(pageOf(ordered, { page: 2, pageSize: 3 })).toEqual({ totalCount: 4, results: [] });
  });

  it('treats an empty filter as no filter and wraps syntax errors as field errors', () => {
    expect(parseFilter('  ', COMPUTER_FILTER_FIELDS[4])).toBeUndefined();
    expect(() => parseFilter('id==', COMPUTER_FILTER_FIELDS[4])).toThrow(/Invalid RSQL filter/);
  });
});
