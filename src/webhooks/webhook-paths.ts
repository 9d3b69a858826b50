/** Every webhook route lives under this prefix (requests there that reach the app log no headers but a few safe ones). */
export const WEBHOOK_PATH_PREFIX = '/webhooks/';
