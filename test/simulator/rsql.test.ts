import { parseRsql, RsqlSyntaxError } from '../../src/simulator/rsql-parser';
import { compileRsql, FieldError } from '../../src/simulator/rsql-matcher';
import { COMPUTER_FILTER_FIELDS, MOBILE_DEVICE_FIELDS } from '../../src/simulator/record-fields';

describe('parseRsql', () => {
  it('parses a single comparison with a quoted value', () => {
    expect(parseRsql('general.name=="Boalime Mac"')).toEqual({
      type: 'comparison', selector: 'general.name', operator: '==', values: ['Boalime Mac'],
    });
  });

  it('parses and / ; joins, or / , joins and parentheses with the usual precedence', () => {
    expect(parseRsql('id>5 and id<9;general.name!=x')).toEqual({
      type: 'and',
      children: [
        { type: 'comparison', selector: 'id', operator: '>', values: ['5'] },
        { type: 'comparison', selector: 'id', operator: '<', values: ['9'] },
        { type: 'comparison', selector: 'general.name', operator: '!=', values: ['x'] },
      ],
    });
    expect(parseRsql('(id==1,id==2);udid==u')).toMatchObject({
      type: 'and',
      children: [{ type: 'or' }, { type: 'comparison', selector: 'udid' }],
    });
  });

  it('parses =in=, FIQL operators and ISO dates as bare values', () => {
    expect(parseRsql('id=in=(1, "2",3)')).toMatchObject({ operator: '=in=', values: ['1', '2', '3'] });
    expect(parseRsql('general.reportDate=ge=2026-08-01T00:00:00.000Z')).toMatchObject({
      operator: '>=', values: ['2026-08-01T00:00:00.000Z'],
    });
  });

  it('rejects broken input with a position', () => {
    expect(() => parseRsql('general.name==')).toThrow(RsqlSyntaxError);
    expect(() => parseRsql('general.name=="open')).toThrow(/Unterminated/);
    expect(() => parseRsql('id==1 id==2')).toThrow(/Unexpected/);
    expect(() => parseRsql('id=in=(1,2')).toThrow(RsqlSyntaxError);
  });
});

describe('compileRsql', () => {
  const computer = (id: string, managed: boolean, reportDate: string, serial: string, name: string) => ({
    id,
    general: { name, remoteManagement: { managed }, reportDate },
    hardware: { serialNumber: serial },
  });
  const records = [
    computer('2', true, '2026-08-01T10:00:00.123Z', 'C02AAA', 'Emma’s MacBook Pro'),
    computer('10', false, '2026-07-01T10:00:00.000Z', '', 'LT-00010'),
    computer('9', true, '2026-09-01T00:00:00.000Z', 'H2WF3L', 'Studio'),
  ];
  const ids = (filter: string): string[] =>
    records.filter(compileRsql(parseRsql(filter), COMPUTER_FILTER_FIELDS[4])).map((r) => r.id);

  it('compares booleans, dates and numeric ids', () => {
    expect(ids('general.remoteManagement.managed==true')).toEqual(['2', '9']);
    expect(ids('general.reportDate>=2026-08-01T00:00:00.000Z')).toEqual(['2', '9']);
    expect(ids('general.reportDate<2026-08-01T10:00:00.123Z')).toEqual(['10']);
    expect(ids('id>=9')).toEqual(['10', '9']);
    expect(ids('id=in=(2,10)')).toEqual(['2', '10']);
    expect(ids('id=out=(2,10)')).toEqual(['9']);
  });

  it('matches strings case-insensitively, with * wildcards, and empty values', () => {
    expect(ids('hardware.serialNumber==c02aaa')).toEqual(['2']);
    expect(ids('general.name=="*macbook*"')).toEqual(['2']);
    expect(ids('hardware.serialNumber==""')).toEqual(['10']);
    expect(ids('general.remoteManagement.managed==true and hardware.serialNumber!=C02AAA')).toEqual(['9']);
    expect(ids('general.name==Studio,id==10')).toEqual(['10', '9']);
  });

  it('rejects unknown fields the way Jamf words it, and bad values', () => {
    expect(() => compileRsql(parseRsql('general.color==red'), COMPUTER_FILTER_FIELDS[4])).toThrow(
      /^Cannot filter by field \[general\.color\]\. Fields that can be used/,
    );
    expect(() => compileRsql(parseRsql('id==abc'), COMPUTER_FILTER_FIELDS[4])).toThrow(FieldError);
    expect(() => compileRsql(parseRsql('general.reportDate>yesterday'), COMPUTER_FILTER_FIELDS[4])).toThrow(FieldError);
    expect(() => compileRsql(parseRsql('general.supervised>true'), COMPUTER_FILTER_FIELDS[4])).toThrow(FieldError);
  });

  it('uses flat field names for mobile devices', () => {
    const mobile = { mobileDeviceId: '3', general: { managed: true }, hardware: { serialNumber: 'DMQ1' } };
    expect(compileRsql(parseRsql('serialNumber==DMQ1;managed==true'), MOBILE_DEVICE_FIELDS)(mobile)).toBe(true);
    expect(() => compileRsql(parseRsql('hardware.serialNumber==DMQ1'), MOBILE_DEVICE_FIELDS)).toThrow(FieldError);
  });
});
