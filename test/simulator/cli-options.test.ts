import { CliOptionError, simulatorOptionsFromFlags, tenantOptionsFromFlags, tlsFilesFromFlags } from '../../src/simulator/cli-options';
import { tenantRequestPath } from '../../src/simulator/tenant-paths';

describe('simulatorOptionsFromFlags', () => {
  it('applies the documented defaults', () => {
    expect(simulatorOptionsFromFlags({})).toMatchObject({
      port: 0, host: '127.0.0.1', computers: 50, mobiles: 50, seed: 1,
      clientId: 'sim-client', clientSecret: 'sim-secret', username: 'sim-admin', password: 'sim-password',
      faults: {}, deniedPrivileges: [],
    });
  });

  it('turns fault flags into faults', () => {
    const options = simulatorOptionsFromFlags({
      latencyMs: '20', latencyPerRecordMs: '0.5', errorRate: '0.1', rateLimitRate: '0.05', retryAfter: '3', tokenLifetime: '60',
      deny: ['View Disk Encryption Recovery Key'],
    });
    expect(options.faults).toEqual({
      latencyMs: 20, latencyPerRecordMs: 0.5, errorRate: 0.1, rateLimitRate: 0.05, retryAfterSeconds: 3, tokenLifetimeSeconds: 60,
    });
    expect(options.deniedPrivileges).toEqual(['View Disk Encryption Recovery Key']);
  });

  it('rejects nonsense before anything starts', () => {
    expect(() => simulatorOptionsFromFlags({ errorRate: '1.5' })).toThrow(CliOptionError);
    expect(() => simulatorOptionsFromFlags({ computers: 'many' })).toThrow(/--computers/);
    expect(() => simulatorOptionsFromFlags({ port: '70000' })).toThrow(CliOptionError);
    expect(() => simulatorOptionsFromFlags({ tokenLifetime: '0' })).toThrow(CliOptionError);
  });

  it('turns page faults into faults: 504 above a page size, devices Jamf cannot render', () => {
    const options = simulatorOptionsFromFlags({ gatewayTimeoutAbove: '500', unrenderableComputer: ['37'], unrenderableMobile: ['4', '9'] });
    expect(options.faults).toEqual({ gatewayTimeoutAbovePageSize: 500, unrenderableComputerIds: ['37'], unrenderableMobileDeviceIds: ['4', '9'] });
    expect(() => simulatorOptionsFromFlags({ gatewayTimeoutAbove: '-1' })).toThrow(/--gateway-timeout-above/);
  });
});

describe('tlsFilesFromFlags', () => {
  it('serves HTTP without TLS flags, HTTPS with both, and refuses one without the other', () => {
    expect(tlsFilesFromFlags({})).toBeUndefined();
    expect(tlsFilesFromFlags({ tlsCert: 'cert.pem', tlsKey: 'key.pem' })).toEqual({ certFile: 'cert.pem', keyFile: 'key.pem' });
    expect(() => tlsFilesFromFlags({ tlsCert: 'cert.pem' })).toThrow(CliOptionError);
    expect(() => tlsFilesFromFlags({ tlsKey: 'key.pem' })).toThrow(/--tls-cert and --tls-key/);
  });
});

describe('tenantOptionsFromFlags', () => {
  it('is undefined without --tenants (one tenant at the root, as before)', () => {
    expect(tenantOptionsFromFlags({}, simulatorOptionsFromFlags({}))).toBeUndefined();
  });

  it('gives each tenant its own name, seed, credentials and release, with the same fleet size and faults', () => {
    const flags = { tenants: '3', computers: '10', mobiles: '5', seed: '7', latencyMs: '50', jamfVersions: '11.31.0, 10.49.0' };
    const options = tenantOptionsFromFlags(flags, simulatorOptionsFromFlags(flags))!;
    expect(options).toMatchObject({ port: 0, host: '127.0.0.1' });
    expect(options.tenants.map((t) => [t.name, t.seed, t.clientId, t.clientSecret, t.username, t.jamfVersion])).toEqual([
      ['tenant-001', 7, 'sim-client-tenant-001', 'sim-secret-tenant-001', 'sim-admin-tenant-001', '11.31.0'],
      ['tenant-002', 8, 'sim-client-tenant-002', 'sim-secret-tenant-002', 'sim-admin-tenant-002', '10.49.0'],
      ['tenant-003', 9, 'sim-client-tenant-003', 'sim-secret-tenant-003', 'sim-admin-tenant-003', '11.31.0'],
    ]);
    for (const t of options.tenants) expect(t).toMatchObject({ computers: 10, mobiles: 5, faults: { latencyMs: 50 } });
    // Each tenant its own faults object: changing one tenant's latency leaves the others'.
    expect(options.tenants[0].faults).not.toBe(options.tenants[1].faults);
  });

  it('names 1,000 tenants with four digits', () => {
    const options = tenantOptionsFromFlags({ tenants: '1000' }, simulatorOptionsFromFlags({}))!;
    expect([options.tenants[0].name, options.tenants[999].name]).toEqual(['tenant-0001', 'tenant-1000']);
  });

  it('refuses what cannot go with many tenants, naming the flag', () => {
    const single = simulatorOptionsFromFlags({});
    expect(() => tenantOptionsFromFlags({ tenants: '0' }, single)).toThrow(/--tenants/);
    expect(() => tenantOptionsFromFlags({ tenants: 'many' }, single)).toThrow(/--tenants/);
    expect(() => tenantOptionsFromFlags({ tenants: '2', fleet: 'f.json' }, single)).toThrow(/--fleet/);
    expect(() => tenantOptionsFromFlags({ tenants: '2', tlsCert: 'c.pem', tlsKey: 'k.pem' }, single)).toThrow(/--tls-cert/);
    expect(() => tenantOptionsFromFlags({ tenants: '2', jamfVersions: ' , ' }, single)).toThrow(/--jamf-versions/);
    expect(() => tenantOptionsFromFlags({ jamfVersions: '11.31.0' }, single)).toThrow(/--tenants/);
  });
});

describe('tenantRequestPath', () => {
  it('finds the tenant and its path, or null outside /t/<name>', () => {
    expect(tenantRequestPath('/t/acme/api/v1/jamf-pro-version?x=1')).toEqual({ tenant: 'acme', path: '/api/v1/jamf-pro-version?x=1' });
    expect(tenantRequestPath('/t/acme')).toEqual({ tenant: 'acme', path: '/' });
    expect(tenantRequestPath('/t/acme?x=1')).toEqual({ tenant: 'acme', path: '/?x=1' });
    expect(tenantRequestPath('/api/v1/jamf-pro-version')).toBeNull();
    expect(tenantRequestPath('/t/')).toBeNull();
    expect(tenantRequestPath('/tenants/acme')).toBeNull();
  });
});
