import { RUN_ERROR_CODES, runErrorCodeFor, runFailureFor } from '../../src/runs/run-failure';
import {
  JamfAuthError,
  JamfConfigError,
  JamfPermissionError,
  JamfRedirectError,
  JamfRequestError,
  JamfResponseError,
  JamfTlsError,
  JamfUnavailableError,
} from '../../src/jamf/errors';
import { MissingEncryptionKeyError } from '../../src/crypto/secret-box';
import { AppError } from '../../src/errors/app-error';

describe('run error codes: one mapping from an error to a stable code', () => {
  it.each([
    [new JamfAuthError('refused'), 'jamf_auth_rejected'],
    [new JamfUnavailableError('down', 'network'), 'jamf_unreachable'],
    [new JamfUnavailableError('slow', 'timeout'), 'jamf_unreachable'],
    [new JamfUnavailableError('500s', 'server-error'), 'jamf_unavailable'],
    [new JamfUnavailableError('429s', 'rate-limited'), 'jamf_unavailable'],
    [new JamfTlsError('untrusted', 'SELF_SIGNED_CERT_IN_CHAIN'), 'jamf_tls_untrusted'],
    [new JamfPermissionError('denied', 'Read Computers'), 'jamf_privilege_missing'],
    [new JamfRedirectError('moved'), 'jamf_redirect_refused'],
    [new JamfResponseError('not json'), 'jamf_response_invalid'],
    [new JamfRequestError('400'), 'jamf_response_invalid'],
    [new JamfConfigError('not Jamf'), 'connection_config_invalid'],
    [new MissingEncryptionKeyError('secrets'), 'connection_config_invalid'],
    [new AppError(409, 'connection_secret_missing', 'no secret'), 'connection_config_invalid'],
    [new AppError(500, 'connection_config_invalid', 'bad key'), 'connection_config_invalid'],
    [new Error('connection terminated unexpectedly'), 'internal_error'],
    ['a string', 'internal_error'],
    [null, 'internal_error'],
  ])('%p → %s', (err, code) => {
    expect(runErrorCodeFor(err)).toBe(code);
  });

  it('keeps a run code an error already carries, and every code it gives is documented', () => {
    expect(runErrorCodeFor({ code: 'removal_guard_tripped' })).toBe('removal_guard_tripped');
    expect(runErrorCodeFor({ code: 'some_other_code' })).toBe('internal_error');
    expect(Object.keys(RUN_ERROR_CODES)).toEqual(expect.arrayContaining(['jamf_auth_rejected', 'jamf_unreachable', 'jamf_tls_untrusted', 'jamf_privilege_missing', 'removal_guard_tripped', 'internal_error']));
  });

  it('keeps the message a person acts on, after what the run was doing', () => {
    const err = new JamfPermissionError('Jamf Pro denied access to /api/v2/mobile-devices/detail: add "Read Mobile Devices"', 'Read Mobile Devices');
    expect(runFailureFor(err, 'the sync stopped before reading all of Jamf')).toEqual({
      code: 'jamf_privilege_missing',
      message: 'the sync stopped before reading all of Jamf: Jamf Pro denied access to /api/v2/mobile-devices/detail: add "Read Mobile Devices"',
    });
    expect(runFailureFor(new JamfAuthError('refused'))).toEqual({ code: 'jamf_auth_rejected', message: 'refused' });
  });
});
