import type { IncomingMessage } from 'node:http';
import type { Router } from 'express';

/**
 * A router whose routes read some request bodies themselves: after authenticating the request and
 * with a limit of their own (the API's imports take files of up to 10 MB). The app's default JSON
 * parser, which runs before every router with a small limit, leaves those requests alone: it would
 * refuse a large import before its token is even checked, and would read a stranger's 10 MB.
 */
export const READS_OWN_BODY = Symbol('readsOwnBody');

export type OwnBodyRouter = Router & { [READS_OWN_BODY]?: (req: IncomingMessage & { path?: string }) => boolean };

/** Whether one of `routers` reads this request's body itself. */
export function readByOwnRoute(routers: readonly Router[], req: IncomingMessage): boolean {
  return routers.some((r) => (r as OwnBodyRouter)[READS_OWN_BODY]?.(req) === true);
}
