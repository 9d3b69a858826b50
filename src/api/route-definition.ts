import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Principal, Role } from '../access/roles';

/**
 * One route of the HTTP API, declared once: what it needs (role, path, query and body schemas),
 * what it answers (a schema per status) and what it does. The same declaration is mounted on
 * Express (mount-routes.ts), validates requests, and is the OpenAPI document
 * (openapi-document.ts), so the document cannot drift from what the routes accept.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: a role on the path's organization, or a role across organizations. */
export type RouteAccess =
  /** `needed` on the organization named by the `:org` path parameter. */
  | { role: Role; on: 'organization' }
  /** `needed` on something that spans organizations (only ops passes, or a route that decides itself). */
  | { role: Role; on: 'global' }
  /** Any valid token; the route limits what it answers itself (e.g. the organizations a token sees). */
  | { role: 'reader'; on: 'self-scoped' };

export interface RouteResponse {
  description: string;
  /** The body's schema (output side); none for a reply without a body. */
  schema?: z.ZodType;
  /** Not JSON (e.g. text/csv); documented with this content type and a string schema. */
  contentType?: string;
}

export interface RouteSchemas {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
}

export interface RouteContext<S extends RouteSchemas> {
  req: Request;
  res: Response;
  principal: Principal;
  params: S['params'] extends z.ZodType ? z.output<S['params']> : Record<string, string>;
  query: S['query'] extends z.ZodType ? z.output<S['query']> : Record<string, never>;
  body: S['body'] extends z.ZodType ? z.output<S['body']> : undefined;
}

/** What a handler answers: a body with the route's first documented status, or a status of its choice. */
export type RouteReply = { status: number; body?: unknown; headers?: Record<string, string> } | { raw: true };

export interface ApiRoute<S extends RouteSchemas = RouteSchemas> {
  method: HttpMethod;
  /** Express form, e.g. /api/v1/organizations/:org/assets. */
  path: string;
  /** One line for the OpenAPI document; `description` may say more. */
  summary: string;
  description?: string;
  /** Groups routes in the document (organizations, connection, assets, ...). */
  tag: string;
  access: RouteAccess;
  /** Without a token (the OpenAPI document itself). */
  public?: boolean;
  /** The request body's content types besides application/json (e.g. text/csv for imports). */
  bodyContentTypes?: string[];
  /**
   * The route reads its body itself (JSON and `bodyContentTypes`, the latter as text), after the
   * role check, up to `limitBytes` instead of the app's small default; `tooLarge` is the 413's message.
   */
  ownBody?: { limitBytes: number; tooLarge: string };
  request: S;
  responses: Record<number, RouteResponse>;
  handler: (ctx: RouteContext<S>) => Promise<RouteReply>;
}

/** Keeps a route's schema types for its handler (an identity function: the inference is the point). */
export function defineRoute<S extends RouteSchemas>(route: ApiRoute<S>): ApiRoute {
  return route as unknown as ApiRoute;
}

/** Replies with `body` and the given status (200 unless said). */
export function reply(body: unknown, status = 200): RouteReply {
  return { status, body };
}
