/**
 * Reads the PEM file of a private certificate authority (self-hosted Jamf Pro often uses one).
 * Its certificates are added to Node's default trust by the client; nothing here can turn
 * verification off.
 */
import { readFileSync } from 'node:fs';
import { JamfConfigError } from './errors';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates in the file (PEM text), or a `JamfConfigError` naming the setting and the file. */
export function readCaFile(path: string, setting: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new JamfConfigError(`${setting} (${path}) cannot be read (${code}); it must be the path of a PEM file with your CA's certificate.`, {
      setting,
      path,
    });
  }
  const certificates = text.match(PEM_CERTIFICATE);
  if (!certificates) {
    throw new JamfConfigError(
      `${setting} (${path}) holds no PEM certificate ("-----BEGIN CERTIFICATE-----"); export your CA's certificate in PEM (Base-64) form.`,
      { setting, path },
    );
  }
  return certificates.join('\n');
}
