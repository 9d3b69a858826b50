import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { AppError, badRequest } from '../errors/app-error';
import type { Principal } from '../access/roles';
import { principalOf, requireRole } from './request-principal';
import type { ApiRoute, RouteContext, RouteSchemas } from './route-definition';

/**
 * Mounts declared routes on an Express router. For each request, in this order: the token's role
 * on the organization (before anything is looked up, so a token learns nothing of other
 * organizations), then the path, query and body against their schemas (400 with field paths),
 * then the handler. Authentication itself is the router's (bearer-auth.ts), before these.
 */
export function mountRoutes(router: Router, routes: readonly ApiRoute[]): void {
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      const principal = route.public ? null : authorize(req, route);
      if (route.ownBody) await readOwnBody(req, res, route);
      const ctx: RouteContext<RouteSchemas> = {
        req,
        res,
        principal: principal as Principal,
        params: route.request.params ? parseRequest(route.request.params, req.params) : (req.params as Record<string, string>),
        query: route.request.query ? parseRequest(route.request.query, req.query) : {},
        body: route.request.body ? parseBody(route.request.body, bodyOf(req, route)) : undefined,
      } as never;
      const answer = await route.handler(ctx);
      if ('raw' in answer) return;
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
      res.status(answer.status);
      if (answer.body === undefined) res.end();
      else res.json(answer.body);
    });
  }
}

function authorize(req: Request, route: ApiRoute): Principal {
  switch (route.access.on) {
    case 'organization':
      return requireRole(req, route.access.role, { slug: String(req.params.org) });
    case 'global':
      return requireRole(req, route.access.role, null);
    case 'self-scoped':
      return principalOf(req);
  }
}

/** Bodies are read only once the token may call the route: a stranger never makes the service read 10 MB. */
async function readOwnBody(req: Request, res: Response, route: ApiRoute): Promise<void> {
  const { limitBytes, tooLarge } = route.ownBody!;
  const parsers: RequestHandler[] = [express.json({ limit: limitBytes })];
  if (route.bodyContentTypes?.length) parsers.push(express.text({ type: route.bodyContentTypes, limit: limitBytes }));
  for (const parse of parsers) {
    await new Promise<void>((resolve, reject) =>
      parse(req, res, (err?: unknown) => {
        if ((err as { type?: string } | undefined)?.type === 'entity.too.large') reject(new AppError(413, 'payload_too_large', tooLarge));
        else if (err) reject(err);
        else resolve();
      }),
    );
  }
}

/** For the app's default JSON parser (http/own-body.ts): whether one of `routes` reads this request's body itself. */
export function ownBodyMatcher(routes: readonly ApiRoute[]): (req: IncomingMessage) => boolean {
  const patterns = routes
    .filter((r) => r.ownBody)
    .map((r) => ({ method: r.method.toUpperCase(), path: new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}/?$`) }));
  return (req) => {
    const path = (req.url ?? '').split('?')[0];
    return patterns.some((p) => p.method === req.method && p.path.test(path));
  };
}

/**
 * The body to validate. A body that is not JSON is never read by the JSON parser: without this
 * check a text/plain `{"dryRun": true}` would be taken as no body (the defaults). No body at all
 * still means the defaults; a route that takes CSV says so and reads the text itself.
 */
function bodyOf(req: Request, route: ApiRoute): unknown {
  const others = route.bodyContentTypes ?? [];
  // Text of another declared type (CSV) is the handler's to read, as `req.body`; the schema is the JSON body's.
  if (others.length > 0 && req.is(others)) return undefined;
  if (req.is('application/json') === false) {
    const accepted = ['application/json', ...others].join(' or ');
    throw new AppError(415, 'unsupported_media_type', `Send the request body as ${accepted}`);
  }
  return req.body ?? {};
}

function parseBody(schema: z.ZodType, body: unknown): unknown {
  return body === undefined ? undefined : parseRequest(schema, body);
}

/** Validates a part of a request; 400 `invalid_request` with each problem's field path. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw badRequest(
      'invalid_request',
      'The request is not valid',
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}
