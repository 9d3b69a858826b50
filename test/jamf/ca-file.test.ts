import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCaFile } from '../../src/jamf/ca-file';
import { JamfConfigError } from '../../src/jamf/errors';

describe('readCaFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-ca-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;

  it('returns every certificate of a bundle, without anything around them', () => {
    const file = path.join(dir, 'bundle.pem');
    fs.writeFileSync(file, `Subject: Internal Root\n${pem('QUJD')}\nnoise\n${pem('REVG')}\n`);
    expect(readCaFile(file, 'JAMF_CA_FILE')).toBe(`${pem('QUJD')}\n${pem('REVG')}`);
  });

  it('names the setting, the path and the cause when the file cannot be read', () => {
    const missing = path.join(dir, 'missing-ca.pem');
    expect(() => readCaFile(missing, 'JAMF_CA_FILE')).toThrow(JamfConfigError);
    expect(() => readCaFile(missing, 'JAMF_CA_FILE')).toThrow(/JAMF_CA_FILE \(.*missing-ca\.pem\) cannot be read \(ENOENT\)/);
  });

  it('refuses a file with no PEM certificate (e.g. a DER file or a key)', () => {
    const file = path.join(dir, 'ca.der');
    fs.writeFileSync(file, Buffer.from([0x30, 0x82, 0x01, 0x0a]));
    expect(() => readCaFile(file, 'JAMF_CA_FILE')).toThrow(/holds no PEM certificate/);
  });
});
