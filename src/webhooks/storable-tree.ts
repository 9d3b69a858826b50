/**
 * A parsed webhook body as PostgreSQL can store it. JSON and XML both let a body carry characters
 * that jsonb and text cannot hold: NUL (`"\u0000"` in JSON, a NUL byte in XML) and UTF-16
 * surrogates without their pair (`"\ud800"`, `&#xD800;`). Jamf does not resend a refused
 * webhook, so an event carrying one is kept, with each such character replaced by U+FFFD (what a
 * decoder shows for a character it could not read), in values and in keys alike.
 */

/**
 * Jamf's webhooks nest three or four levels deep ({webhook}, {event}, {event.computer}); a body
 * nested deeper than this is not a Jamf webhook. Checked before anything walks the tree
 * recursively (JSON.stringify overflows the stack near 10,000 levels, PostgreSQL refuses sooner).
 */
export const MAX_BODY_DEPTH = 32;

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when `tree` nests objects or arrays more than `maxDepth` deep (walked without recursion). */
export function nestedDeeperThan(tree: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[tree, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The tree with every string (and key) PostgreSQL can store; call on trees no deeper than MAX_BODY_DEPTH. */
export function storableTree(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableTree);
  if (typeof value !== 'object' || value === null) return value;
  // fromEntries defines own properties, so a key named "__proto__" stays a key.
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [storableText(key), storableTree(child)]));
}

function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}
