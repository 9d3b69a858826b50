import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainInput, type ExplainResult } from '../../src/explain/explain-input';
import { parseEaMapOption, parseKindOption } from '../../src/explain/explain-options';
import { MOBILE_PAGE_FACTS, V3_COMPUTER_FACTS, V4_COMPUTER_FACTS } from './support/expected-fixture-facts';

const sample = (name: string): string => readFileSync(join(__dirname, '../fixtures/jamf', name), 'utf8');

function printed(result: ExplainResult): unknown {
  if (result.exitCode !== 0) throw new Error(`explain failed: ${result.stderr}`);
  expect(result.stdout.endsWith('\n')).toBe(true);
  return JSON.parse(result.stdout);
}

describe('explainInput on the API samples', () => {
  it('prints an array for the v3 computers-inventory page', () => {
    expect(printed(explainInput(sample('computers-inventory-page.json')))).toMatchObject([V3_COMPUTER_FACTS]);
  });

  it('prints an array for the v4 computers-inventory page', () => {
    expect(printed(explainInput(sample('computers-inventory-v4-page-sdk-mock.json')))).toMatchObject(V4_COMPUTER_FACTS);
  });

  it('prints an array for the mobile paged-detail page', () => {
    expect(printed(explainInput(sample('mobile-devices-detail-page-sdk-mock.json')))).toMatchObject([MOBILE_PAGE_FACTS]);
  });

  it('prints one object for one record', () => {
    const page = JSON.parse(sample('computers-inventory-page.json'));
    expect(printed(explainInput(JSON.stringify(page.results[0])))).toMatchObject(V3_COMPUTER_FACTS);
  });

  it('prints exactly the documented keys, in order, pretty-printed', () => {
    const result = explainInput(sample('mobile-devices-detail-page-sdk-mock.json'));
    const [record] = printed(result) as Record<string, Record<string, unknown>>[];
    expect(Object.keys(record)).toEqual(['asset', 'assignee', 'createEligible', 'skipReason', 'sources', 'warnings']);
    expect(Object.keys(record.asset)).toEqual([
      'serialNumber', 'jamfId', 'assetType', 'make', 'model', 'modelIdentifier', 'modelNumber', 'displaySizeInches',
      'releaseDate', 'color', 'keyboardLanguage', 'imei', 'memoryMb', 'processor', 'processorFrequencyMhz', 'storageMb',
      'storageType', 'operatingSystem', 'secure',
    ]);
    expect(Object.keys(record.asset.secure as object)).toEqual(['activationLockEnabled', 'recoveryLockEnabled', 'appleCareId']);
    expect(result.exitCode === 0 && result.stdout.startsWith('[\n  {\n    "asset": {')).toBe(true);
  });

  it('applies the extension-attribute mapping', () => {
    const page = JSON.parse(sample('computers-inventory-page.json'));
    const result = explainInput(JSON.stringify(page), { eaMapping: { 'Some Attribute': 'keyboardLanguage' } });
    expect(printed(result)).toMatchObject([{ asset: { keyboardLanguage: 'foo' }, sources: { keyboardLanguage: 'extension attribute Some Attribute' } }]);
  });

  it('reads a mobile extension attribute filed in its section (hardware), as Jamf files it', () => {
    const page = JSON.parse(sample('mobile-devices-detail-page-sdk-mock.json'));
    const [record] = page.results;
    record.extensionAttributes = [];
    record.hardware.extensionAttributes = [
      { id: '2', name: 'Colour', type: 'STRING', value: ['Blue'], extensionAttributeCollectionAllowed: false, inventoryDisplay: 'HARDWARE' },
    ];
    const result = explainInput(JSON.stringify(record), { eaMapping: { Colour: 'color' } });
    expect(printed(result)).toMatchObject({ asset: { color: 'Blue' }, sources: { color: 'extension attribute Colour' } });
  });

  it('uses --kind when the record does not show its kind', () => {
    const record = JSON.stringify({ id: '5', hardware: { serialNumber: 'X1', model: 'iPhone 15 Pro' } });
    expect(explainInput(record)).toMatchObject({ exitCode: 2 });
    expect(printed(explainInput(record, { kind: 'mobile' }))).toMatchObject({ asset: { assetType: 'mobile', jamfId: '5' }, skipReason: 'unmanaged' });
  });
});

describe('explainInput on bad input', () => {
  it.each([
    ['not JSON', '{"totalCount": 1, "results": [', /^explain: stdin is not valid JSON/],
    ['empty input', '  \n', /^explain: no input/],
    ['a JSON string', '"MacBook Pro"', /^explain: expected Jamf records/],
    ['a page holding a non-object', '{"totalCount": 1, "results": [42]}', /^explain: expected Jamf records/],
    ['a record of unknown kind', '{"foo": 1}', /^explain: cannot tell whether the record is a computer or a mobile device: pass --kind/],
    ['a page record of unknown kind', '{"totalCount": 2, "results": [{"mobileDeviceId": "1"}, {"foo": 1}]}', /record 2 of the page/],
  ])('%s: one clear message, exit code 2', (_description, text, message) => {
    const result = explainInput(text);
    expect(result.exitCode).toBe(2);
    if (result.exitCode === 2) {
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});

describe('explain options', () => {
  it('parses --kind', () => {
    expect(parseKindOption(undefined)).toEqual({ ok: true, value: null });
    expect(parseKindOption('Mobile')).toEqual({ ok: true, value: 'mobile' });
    expect(parseKindOption('tv')).toMatchObject({ ok: false });
  });

  it('parses --ea-map pairs, repeated or comma-separated', () => {
    expect(parseEaMapOption([])).toEqual({ ok: true, value: null });
    expect(parseEaMapOption(['Keyboard Layout=keyboardLanguage, Colour=color', 'Drive=storageType'])).toEqual({
      ok: true,
      value: { 'Keyboard Layout': 'keyboardLanguage', Colour: 'color', Drive: 'storageType' },
    });
    expect(parseEaMapOption(['Flavour=flavour'])).toMatchObject({ ok: false, error: expect.stringContaining('"flavour" is not an asset field Jamf owns') });
    expect(parseEaMapOption(['Colour'])).toMatchObject({ ok: false, error: expect.stringContaining('name=field') });
    // An attribute named like an Object.prototype member is mapped like any other, as an own key.
    const odd = parseEaMapOption(['__proto__=color,constructor=storageType']);
    expect(odd.ok && Object.entries(odd.value ?? {})).toEqual([['__proto__', 'color'], ['constructor', 'storageType']]);
  });
});
