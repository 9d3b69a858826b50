/**
 * Node's TLS error codes, sorted into what an IT admin can do about each. Pure.
 *
 * A TLS failure is never retried: the certificate will be just as untrusted in two seconds, and
 * five silent retries would only hide the one fact the admin needs (which setting to change).
 */

export type TlsFailureKind = 'untrusted' | 'expired' | 'wrong-host' | 'not-tls';

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'INVALID_CA',
  'CERT_REVOKED',
  'CERT_CHAIN_TOO_LONG',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const WRONG_HOST = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);

export function tlsFailureKind(errorCode: string): TlsFailureKind | null {
  if (UNTRUSTED.has(errorCode)) return 'untrusted';
  if (EXPIRED.has(errorCode)) return 'expired';
  if (WRONG_HOST.has(errorCode)) return 'wrong-host';
  if (NOT_TLS.has(errorCode)) return 'not-tls';
  return null;
}

/** The sentence after "Could not verify Jamf Pro's certificate at <url>:", naming the setting to change. */
export function tlsFailureAdvice(kind: TlsFailureKind, errorCode: string, host: string, caSetting: string): string {
  switch (kind) {
    case 'untrusted':
      return (
        `it was issued by a certificate authority this machine does not trust (${errorCode}). ` +
        `If Jamf Pro uses a certificate from your organization's own CA, set ${caSetting} to that CA's certificate ` +
        '(a PEM file); it is added to the default trust. Verification cannot be turned off.'
      );
    case 'expired':
      return `the certificate is outside its validity dates (${errorCode}). Renew the certificate on the Jamf Pro server (or check this machine's clock).`;
    case 'wrong-host':
      return (
        `the certificate is not valid for the host name "${host}" (${errorCode}). ` +
        'Set JAMF_URL to a host name the certificate names (the one you use in a browser).'
      );
    case 'not-tls':
      return `the server on that port does not speak TLS (${errorCode}). Check the port in JAMF_URL, or whether it should start with http://.`;
  }
}
