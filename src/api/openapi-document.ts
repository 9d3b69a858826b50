import { z } from 'zod';
import type { ApiRoute } from './route-definition';

/**
 * The OpenAPI 3.1 document of the API, built from the routes' own declarations (the zod schemas
 * that validate requests and describe responses, zod 4's JSON Schema output: draft 2020-12, which
 * is OpenAPI 3.1's dialect). Pure: the routes in, the document out.
 */

type JsonSchema = Record<string, unknown>;

const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('Stable, machine-readable: e.g. invalid_request, forbidden, organization_not_found'),
    message: z.string().describe('For people: what went wrong and what to do'),
    details: z.unknown().optional().describe('For invalid_request: [{path, message}] per problem'),
    requestId: z.string().optional().describe('On 5xx: the key to the log line'),
  }),
});

/** Refusals every token-protected route may answer, besides its own. */
const COMMON_ERRORS: Record<number, string> = {
  401: 'Missing, wrong or revoked API token',
  403: 'The token may not do this (too small a role, or another organization)',
  429: 'Too many wrong tokens from this address; try again after Retry-After',
  503: 'The database is not answering; try again after Retry-After',
};

export function openApiDocument(routes: readonly ApiRoute[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'jamf-asset-sync API',
      version: info.version,
      description:
        'The Jamf integration of the asset platform: organizations, their Jamf connection, webhooks setup, imports, previews, ' +
        'the review queue, assets, employees, changes, runs and (ops only) secure fields. Every route but this document needs ' +
        '`Authorization: Bearer <token>`; `x-required-role` says the smallest role (reader < admin < ops) and whether it applies ' +
        'to the organization of the path or across organizations.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'API_TOKEN (full access, as ops) or a token of `jamf-sync tokens create --role reader|admin|ops`',
        },
      },
      schemas: { Error: jsonSchema(errorSchema, 'output') },
    },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
  };
}

function operation(route: ApiRoute): Record<string, unknown> {
  const op: Record<string, unknown> = {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    parameters: [...pathParameters(route), ...queryParameters(route)],
    responses: responses(route),
  };
  if (route.description) op.description = route.description;
  if (route.request.body) op.requestBody = requestBody(route);
  if (!route.public) {
    op.security = [{ bearerAuth: [] }];
    op['x-required-role'] = { role: route.access.role, on: route.access.on };
  } else {
    op.security = [];
  }
  return op;
}

/** A stable id from method and path: get /api/v1/organizations/:org/assets → getOrganizationsOrgAssets. */
function operationId(route: ApiRoute): string {
  const words = route.path
    .replace(/^\/api\/v1\//, '')
    .split(/[/:.-]+/)
    .filter(Boolean);
  return route.method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function pathParameters(route: ApiRoute): unknown[] {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const shape = route.request.params?.shape ?? {};
  return names.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: shape[name] ? jsonSchema(shape[name] as z.ZodType, 'input') : { type: 'string' },
  }));
}

function queryParameters(route: ApiRoute): unknown[] {
  const shape = route.request.query?.shape ?? {};
  return Object.entries(shape).map(([name, schema]) => {
    const s = schema as z.ZodType;
    const parameter: Record<string, unknown> = { name, in: 'query', required: !s.safeParse(undefined).success, schema: jsonSchema(s, 'input') };
    const description = s.description;
    if (description) parameter.description = description;
    return parameter;
  });
}

function requestBody(route: ApiRoute): Record<string, unknown> {
  const content: Record<string, unknown> = { 'application/json': { schema: jsonSchema(route.request.body!, 'input') } };
  for (const type of route.bodyContentTypes ?? []) content[type] = { schema: { type: 'string' } };
  return { required: !route.request.body!.safeParse(undefined).success, content };
}

function responses(route: ApiRoute): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    const response: Record<string, unknown> = { description: r.description };
    if (r.contentType) response.content = { [r.contentType]: { schema: { type: 'string' } } };
    else if (r.schema) response.content = { 'application/json': { schema: jsonSchema(r.schema, 'output') } };
    out[status] = response;
  }
  const errors: Record<number, string> = route.public ? {} : { ...COMMON_ERRORS };
  if (route.request.params || route.request.query || route.request.body) errors[400] = 'The request is not valid: details lists each field path and problem';
  if (route.request.body) errors[415] = 'The body is not of an accepted content type';
  for (const [status, description] of Object.entries(errors)) {
    out[status] ??= { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return out;
}

/** A zod schema as JSON Schema for the document: requests as they are sent (input), responses as they are answered (output). */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}
