import { describeScope, isEmptyScope, normalizeScope, rsqlProblem, scopeProblems } from '../../src/scope/device-scope';
import { andFilters, matchesAfterFetch, rsqlString, scopeFiltersInJamf, scopeJamfFilter, ScopeNotResolvableError } from '../../src/scope/scope-filter';
import { applyScopeChange, parseScopeOptions } from '../../src/scope/scope-change';
import { parseRsql } from '../../src/scope/rsql-parser';

describe('scope: the RSQL filter Jamf applies per device kind', () => {
  it('no scope filters nothing; a serial run keeps its own filter', () => {
    expect(scopeJamfFilter('computer', {})).toBeUndefined();
    expect(scopeJamfFilter('mobile', {}, {}, 'serialNumber=in=("A","B")')).toBe('serialNumber=in=("A","B")');
  });

  it('computers: managed flag, building and department ids, the free filter in parentheses, joined by ;', () => {
    const filter = scopeJamfFilter(
      'computer',
      { managedOnly: true, building: 'Main Hall', department: 'R&D', computersFilter: 'general.platform==Mac,general.name==x*' },
      { buildingId: '4', departmentId: '12' },
    );
    expect(filter).toBe('general.remoteManagement.managed==true;userAndLocation.buildingId==4;userAndLocation.departmentId==12;(general.platform==Mac,general.name==x*)');
    // It parses as one "and" of four parts, the free "or" kept whole.
    expect(parseRsql(filter!)).toMatchObject({ type: 'and', children: [{}, {}, {}, { type: 'or' }] });
  });

  it('mobiles: flat field names, building and department by quoted name; the serial filter first', () => {
    const filter = scopeJamfFilter('mobile', { managedOnly: true, building: 'Hall "B", 2nd floor', mobilesFilter: 'model=="iPad*"' }, {}, 'serialNumber=in=("X")');
    expect(filter).toBe('serialNumber=in=("X");managed==true;building=="Hall \\"B\\", 2nd floor";model=="iPad*"');
    expect(parseRsql(filter!)).toMatchObject({
      type: 'and',
      children: [{ selector: 'serialNumber' }, { selector: 'managed' }, { selector: 'building', values: ['Hall "B", 2nd floor'] }, { selector: 'model', values: ['iPad*'] }],
    });
  });

  it('a building name Jamf does not have stops the run with a clear error (never an unfiltered read)', () => {
    expect(() => scopeJamfFilter('computer', { building: 'Gone' }, { buildingId: null })).toThrow(ScopeNotResolvableError);
    expect(() => scopeJamfFilter('computer', { building: 'Gone' }, { buildingId: null })).toThrow(/building "Gone", which Jamf Pro does not have.*--scope-building/);
    expect(() => scopeJamfFilter('computer', { department: 'X' }, { departmentId: '1;id==2' })).toThrow(/not a number/);
  });

  it('andFilters parenthesizes only what could hold an or', () => {
    expect(andFilters([undefined, ' a==1 ', ''])).toBe('a==1');
    expect(andFilters(['a==1', 'b=in=(1,2)', 'c==1 or d==2', 'e=="x, y"'])).toBe('a==1;b=in=(1,2);(c==1 or d==2);e=="x, y"');
    expect(andFilters([])).toBeUndefined();
    expect(rsqlString('a\\b"c')).toBe('"a\\\\b\\"c"');
  });

  it('site is checked after fetching: computers by general.site.id, mobiles by general.siteId', () => {
    const scope = { siteId: '3' };
    expect(matchesAfterFetch('computer', { general: { site: { id: '3', name: 'Paris' } } }, scope)).toBe(true);
    expect(matchesAfterFetch('computer', { general: { site: { id: '-1', name: 'None' } } }, scope)).toBe(false);
    expect(matchesAfterFetch('computer', { general: null }, scope)).toBe(false);
    expect(matchesAfterFetch('mobile', { general: { siteId: 3 } }, scope)).toBe(true);
    expect(matchesAfterFetch('mobile', { general: { siteId: '4' } }, scope)).toBe(false);
    expect(matchesAfterFetch('mobile', { general: {} }, {})).toBe(true);
    expect(matchesAfterFetch('mobile', {}, { kinds: ['computers'] })).toBe(false);
    expect(scopeFiltersInJamf('computer', scope)).toBe(false);
    expect(scopeFiltersInJamf('mobile', { computersFilter: 'id==1' })).toBe(false);
    expect(scopeFiltersInJamf('computer', { computersFilter: 'id==1' })).toBe(true);
  });
});

describe('scope: rules and wording', () => {
  it('accepts a good scope; names every problem with its option', () => {
    expect(scopeProblems({ siteId: '3', building: 'Main', kinds: ['mobiles'], computersFilter: 'general.platform==Mac', mobilesFilter: 'model=in=(a,b)' })).toEqual([]);
    expect(scopeProblems({ siteId: 'Paris', building: 'Ha*ll', kinds: ['tvs' as never], computersFilter: 'general.name==', mobilesFilter: '(model==a' })).toEqual([
      '--scope-site: "Paris" is not a Jamf site id (a whole number such as 3)',
      '--scope-building: "Ha*ll" must not contain * or control characters',
      '--scope-kinds: "tvs" is not a device kind (computers, mobiles)',
      expect.stringMatching(/^--scope-computers-filter: not a valid RSQL filter: Expected a value at position 14/),
      expect.stringMatching(/^--scope-mobiles-filter: not a valid RSQL filter: Expected '\)'/),
    ]);
    expect(rsqlProblem('a==1 b==2')).toMatch(/Unexpected 'b'/);
    expect(rsqlProblem('x'.repeat(2001))).toMatch(/at most 2000/);
  });

  it('normalizes empty parts away and describes the scope for people', () => {
    expect(normalizeScope({ siteId: ' ', building: ' Main ', kinds: ['computers', 'mobiles'], managedOnly: false })).toEqual({ building: 'Main' });
    expect(isEmptyScope({})).toBe(true);
    expect(isEmptyScope(null)).toBe(true);
    expect(describeScope({})).toBe('all devices');
    expect(describeScope({ kinds: ['computers'], managedOnly: true, siteId: '3', building: 'Main', computersFilter: 'general.platform==Mac' })).toBe(
      'computers only; managed only; site id 3; building "Main"; computers where general.platform==Mac',
    );
  });

  it('options change the stored scope part by part; "" clears a part, --scope-clear all of it', () => {
    const stored = { building: 'Main', managedOnly: true };
    const change = (raw: Parameters<typeof parseScopeOptions>[0]) => {
      const parsed = parseScopeOptions(raw);
      expect(parsed?.problems).toEqual([]);
      return applyScopeChange(stored, parsed!.change);
    };
    expect(parseScopeOptions({})).toBeNull();
    expect(change({ scopeKinds: 'Mobiles' })).toEqual({ building: 'Main', managedOnly: true, kinds: ['mobiles'] });
    expect(change({ scopeBuilding: '', scopeManagedOnly: false })).toEqual({});
    expect(change({ scopeKinds: 'all' })).toEqual(stored);
    expect(change({ scopeClear: true, scopeSite: '7' })).toEqual({ siteId: '7' });
    expect(parseScopeOptions({ scopeKinds: 'computers,phones', scopeSite: '0' })?.problems).toEqual([
      '--scope-site: "0" is not a Jamf site id (a whole number such as 3)',
      '--scope-kinds: "phones" is not a device kind (computers, mobiles)',
    ]);
  });
});
