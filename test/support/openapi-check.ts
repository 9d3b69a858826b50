import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';

/**
 * Holds real responses to the API's own OpenAPI document: the schema documented for a path,
 * method and status, compiled with Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect).
 */

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>; components: { schemas: Record<string, unknown> } };

/**
 * The document's problems by a real OpenAPI validator (@seriousme/openapi-schema-validator: the
 * OpenAPI Initiative's 3.1 schema and its reference checks); an empty list when valid. The package
 * is an ES module, which this CommonJS test build cannot require: it runs in a short child of its own.
 */
export function openApiProblems(document: unknown): unknown[] {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(input));
    process.stdout.write(JSON.stringify(result.valid ? { version: validator.version, problems: [] } : { problems: result.errors ?? ['invalid'] }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { input: JSON.stringify(document), timeout: 30_000, encoding: 'utf8' });
  const { problems, version } = JSON.parse(out) as { problems: unknown[]; version?: string };
  if (problems.length === 0 && version !== '3.1') return [`validated as OpenAPI ${version}, not 3.1`];
  return problems;
}

export class DocumentedResponses {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly templates: Array<{ template: string; pattern: RegExp }>;
  /** `METHOD template status` of every response checked: which routes a test exercised. */
  readonly checked = new Set<string>();

  constructor(private readonly document: Doc) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'doc', components: document.components }, 'doc');
    this.templates = Object.keys(document.paths).map((template) => ({
      template,
      pattern: new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$'),
    }));
  }

  /** The documented path a called path matches (e.g. /api/v1/runs/abc → /api/v1/runs/{id}). */
  templateOf(path: string): string {
    const bare = path.split('?')[0];
    // Literal segments win over parameters (…/assets/secure before …/assets/{serial}).
    const matches = this.templates.filter((t) => t.pattern.test(bare)).sort((a, b) => a.template.split('{').length - b.template.split('{').length);
    if (matches.length === 0) throw new Error(`No documented path matches ${bare}`);
    return matches[0].template;
  }

  /** Problems of a response against its documented schema; [] when it matches. A status not documented is a problem. */
  problems(method: string, path: string, status: number, body: unknown): string[] {
    const template = this.templateOf(path);
    const operation = this.document.paths[template][method.toLowerCase()];
    if (!operation) return [`${method.toUpperCase()} ${template} is not documented`];
    const response = operation.responses[String(status)];
    if (!response) return [`${method.toUpperCase()} ${template} does not document status ${status}`];
    this.checked.add(`${method.toUpperCase()} ${template} ${status}`);
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return [];
    const validate = this.ajv.compile(rewriteRefs(schema) as object);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }
}

/** Local `#/components/...` references point into the document registered as "doc". */
function rewriteRefs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\/components\//g, '"$ref":"doc#/components/'));
}
