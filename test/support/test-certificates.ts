/**
 * Throwaway certificates made at test time with the machine's `openssl`: a private CA and server
 * certificates it signs, as a self-hosted Jamf Pro with an internal CA would have. Nothing here is
 * committed; every key lives in a temporary folder removed by `cleanup()`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServerCertificate {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
}

export interface TestCertificates {
  /** The private CA's certificate (PEM) and its file: what JAMF_CA_FILE points at. */
  caPem: string;
  caFile: string;
  /** A certificate for 127.0.0.1 and localhost, signed by the CA. */
  server: ServerCertificate;
  /** Signed by the CA, but for another host name only. */
  otherHost: ServerCertificate;
  /** Signed by itself (no CA). */
  selfSigned: ServerCertificate;
  cleanup(): void;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makeTestCertificates(): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-tls-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

  openssl(['req', '-x509', ...EC_KEY, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=Jamf Sync Test Internal CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);

  const signed = (name: string, altNames: string): ServerCertificate => {
    openssl(['req', ...EC_KEY, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', `/CN=${name}`]);
    fs.writeFileSync(file(`${name}.ext`), `subjectAltName=${altNames}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    openssl(['x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
      '-out', file(`${name}.pem`), '-days', '2', '-extfile', file(`${name}.ext`)]);
    return read(name);
  };
  const read = (name: string): ServerCertificate => ({
    cert: fs.readFileSync(file(`${name}.pem`), 'utf8'),
    key: fs.readFileSync(file(`${name}.key`), 'utf8'),
    certFile: file(`${name}.pem`),
    keyFile: file(`${name}.key`),
  });

  const server = signed('server', 'IP:127.0.0.1,DNS:localhost');
  const otherHost = signed('other-host', 'DNS:jamf.example.com');
  openssl(['req', '-x509', ...EC_KEY, '-keyout', file('self.key'), '-out', file('self.pem'), '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1']);

  return {
    caPem: fs.readFileSync(file('ca.pem'), 'utf8'),
    caFile: file('ca.pem'),
    server,
    otherHost,
    selfSigned: read('self'),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
