import { errorForResponse, jamfErrorSummary } from '../../src/jamf/response-errors';
import { requiredPrivilegeFor } from '../../src/jamf/required-privileges';
import {
  JamfAuthError,
  JamfNotFoundError,
  JamfPermissionError,
  JamfRequestError,
  JamfUnavailableError,
} from '../../src/jamf/errors';

const context = { baseUrl: 'https://example.jamfcloud.com', path: '/api/v3/computers-inventory', authKind: 'client' as const };
const response = (status: number, data: unknown = null) => ({ status, data, headers: {} });

describe('requiredPrivilegeFor', () => {
  it.each([
    ['/api/v3/computers-inventory', 'Read Computers'],
    ['/api/v4/computers-inventory/12', 'Read Computers'],
    ['/api/v3/computers-inventory-detail/12', 'Read Computers'],
    ['/api/v3/computers-inventory/12/filevault', 'View Disk Encryption Recovery Key'],
    ['/api/v2/mobile-devices/detail?page=0', 'Read Mobile Devices'],
    ['/api/v2/mobile-devices/4/detail', 'Read Mobile Devices'],
    ['/api/v1/departments', 'Read Departments'],
    ['/api/v1/buildings', 'Read Buildings'],
  ])('%s needs %s', (path, privilege) => {
    expect(requiredPrivilegeFor(path)).toBe(privilege);
  });

  it('returns null for endpoints without a known privilege', () => {
    expect(requiredPrivilegeFor('/api/v1/jamf-pro-version')).toBeNull();
  });
});

describe('errorForResponse', () => {
  it('names the missing privilege on 403 even when Jamf does not', () => {
    const error = errorForResponse(response(403, { httpStatus: 403, errors: [] }), context);
    expect(error).toBeInstanceOf(JamfPermissionError);
    expect((error as JamfPermissionError).privilege).toBe('Read Computers');
    expect(error.message).toContain('"Read Computers"');
    expect(error.message).toContain('API roles and clients');
    expect(error.code).toBe('jamf_permission_denied');
  });

  it('maps 401, 404, other 4xx and 5xx to their typed errors', () => {
    expect(errorForResponse(response(401), context)).toBeInstanceOf(JamfAuthError);
    expect(errorForResponse(response(404), context)).toBeInstanceOf(JamfNotFoundError);
    const badFilter = errorForResponse(
      response(400, { httpStatus: 400, errors: [{ code: 'INVALID_RSQL', description: 'bad filter', field: 'filter' }] }),
      context,
    );
    expect(badFilter).toBeInstanceOf(JamfRequestError);
    expect(badFilter.message).toContain('INVALID_RSQL: bad filter: field filter');
    expect(errorForResponse(response(500), context)).toBeInstanceOf(JamfUnavailableError);
  });

  it('summarises Jamf error bodies and ignores other shapes', () => {
    expect(jamfErrorSummary({ httpStatus: 401, errors: [{ code: 'INVALID_TOKEN', description: 'Unauthorized', id: '0', field: null }] })).toBe(
      'INVALID_TOKEN: Unauthorized',
    );
    expect(jamfErrorSummary('<html>proxy error</html>')).toBeNull();
  });
});
