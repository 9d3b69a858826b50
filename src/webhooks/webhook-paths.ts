/** Every webhook route lives under this prefix (the HTTP shell treats it specially: own body parser, log-safe headers). */
export const WEBHOOK_PATH_PREFIX = '/webhooks/';
