import { CliOptionError, simulatorOptionsFromFlags, tlsFilesFromFlags } from '../../src/simulator/cli-options';

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
