import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../errors/app-error';
import { MAX_BODY_DEPTH, nestedDeeperThan, storableTree } from './storable-tree';

export type WebhookFormat = 'json' | 'xml';

/** The media type of a Content-Type header ("text/xml; charset=UTF-8" → "text/xml"), or null. */
export function webhookFormatOf(contentType: string | undefined): WebhookFormat | null {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  // XML is Jamf's default content type for webhooks.
  if (mediaType === 'text/xml' || mediaType === 'application/xml') return 'xml';
  return null;
}

/**
 * Parses a raw webhook body into a plain tree PostgreSQL can store (storable-tree.ts); malformed
 * input, or a body nested deeper than any Jamf webhook, is a 400 with a stable code.
 */
export function parseWebhookBody(format: WebhookFormat, raw: string): unknown {
  const tree = format === 'json' ? parseJson(raw) : parseJssEventXml(raw);
  if (nestedDeeperThan(tree, MAX_BODY_DEPTH)) {
    throw new AppError(400, 'invalid_body', `Request body is not a Jamf webhook: it is nested more than ${MAX_BODY_DEPTH} levels deep`);
  }
  return storableTree(tree);
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new AppError(400, 'invalid_json', `Request body is not valid JSON: ${(err as Error).message}`);
  }
}

const xmlParser = new XMLParser({
  // Entity expansion off: a DOCTYPE could define entities that expand without bound ("billion
  // laughs"). Jamf never sends one, so it is refused below; the five predefined entities and
  // character references are decoded by hand.
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Keep every value a string (leading zeros, long ids); the envelope schema converts.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  tagValueProcessor: (_name, value) => decodeXmlText(value),
});

/**
 * Jamf's XML form: `<JSSEvent><webhook>…</webhook><event>…</event></JSSEvent>`, returned as the
 * same tree as the JSON form ({webhook, event}). Empty elements become "".
 */
export function parseJssEventXml(raw: string): unknown {
  if (/<!DOCTYPE|<!ENTITY/i.test(raw)) {
    throw new AppError(400, 'invalid_xml', 'Request body is refused: XML with a DOCTYPE or entity declaration is not accepted');
  }
  const validation = XMLValidator.validate(raw);
  if (validation !== true) {
    throw new AppError(400, 'invalid_xml', `Request body is not well-formed XML: ${validation.err.msg} (line ${validation.err.line})`);
  }
  let tree: unknown;
  try {
    tree = xmlParser.parse(raw);
  } catch (err) {
    throw new AppError(400, 'invalid_xml', `Request body is not well-formed XML: ${(err as Error).message}`);
  }
  const root = (tree as Record<string, unknown> | null)?.JSSEvent;
  if (root === undefined) {
    throw new AppError(400, 'invalid_body', 'Request body is not a Jamf webhook: the XML root element must be <JSSEvent>', [
      { path: 'JSSEvent', message: 'is required: Jamf sends <JSSEvent><webhook>…</webhook><event>…</event></JSSEvent>' },
    ]);
  }
  return root === '' ? {} : root;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
