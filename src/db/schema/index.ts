export * from './organizations';
export * from './jamf-connections';
export * from './employees';
export * from './assets';
export * from './sync-runs';
export * from './job-leases';
export * from './webhook-inbox';
export * from './api-tokens';
