import type { Request, Router } from 'express';
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
      const ctx: RouteContext<RouteSchemas> = {
        req,
        res,
        principal: principal as Principal,
        params: route.request.params ? parseRequest(route.request.params, req.params) : (req.params as Record<string, string>),
        query: route.request.query ? parseRequest(route.request.query, req.query) : {},
        body: route.request.body ? parseRequest(route.request.body, bodyOf(req, route)) : undefined,
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

/**
 * The body to validate. A body that is not JSON is never read by the JSON parser: without this
 * check a text/plain `{"dryRun": true}` would be taken as no body (the defaults). No body at all
 * still means the defaults; a route that takes CSV says so and reads the text itself.
 */
function bodyOf(req: Request, route: ApiRoute): unknown {
  const others = route.bodyContentTypes ?? [];
  if (others.length > 0 && req.is(others)) return req.body;
  if (req.is('application/json') === false) {
    const accepted = ['application/json', ...others].join(' or ');
    throw new AppError(415, 'unsupported_media_type', `Send the request body as ${accepted}`);
  }
  return req.body ?? {};
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
