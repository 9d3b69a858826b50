/**
 * Flattens a JSON value into key paths with the JSON types seen at each, e.g.
 * `results[].general.name → {string}`. Array items share the path `parent[]`, so a sample with one
 * item and a response with many compare as one shape.
 */
export type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export type KeyPathTypes = Map<string, Set<JsonType>>;

export function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return 'object';
}

export function keyPathTypes(value: unknown, into: KeyPathTypes = new Map(), path = ''): KeyPathTypes {
  const add = (p: string, t: JsonType): void => {
    const set = into.get(p) ?? new Set<JsonType>();
    set.add(t);
    into.set(p, set);
  };
  const type = jsonType(value);
  if (path !== '') add(path, type);
  if (type === 'array') {
    for (const item of value as unknown[]) keyPathTypes(item, into, `${path}[]`);
  } else if (type === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      keyPathTypes(child, into, path === '' ? key : `${path}.${key}`);
    }
  }
  return into;
}

/**
 * Every path of `sample` must be served with the same non-null type, unless it is allow-listed
 * (prefix match) or an ancestor was served as null (a null section or object covers its fields).
 * A null on either side is accepted: Jamf sends null for almost any field. An empty list of
 * strings or numbers is accepted for a sample list of them; an empty list of objects is not.
 */
export function structureMismatches(sample: unknown, served: unknown, allowList: readonly string[] = []): string[] {
  const expected = keyPathTypes(sample);
  const actual = keyPathTypes(served);
  const problems: string[] = [];
  const allowed = (path: string): boolean =>
    allowList.some((prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[]`));
  const coveredByNull = (path: string): boolean => {
    for (let i = path.length; i > 0; i--) {
      if (path[i] !== '.' && path[i] !== '[') continue;
      const ancestor = path.slice(0, i);
      const types = actual.get(ancestor);
      if (types && types.size === 1 && types.has('null')) return true;
    }
    return false;
  };

  for (const [path, sampleTypes] of expected) {
    if (allowed(path) || coveredByNull(path)) continue;
    const servedTypes = actual.get(path);
    const primitiveItems = path.endsWith('[]') && [...sampleTypes].every((t) => t !== 'object' && t !== 'array');
    if (!servedTypes && primitiveItems && actual.get(path.slice(0, -2))?.has('array')) continue;
    if (!servedTypes) {
      problems.push(`${path}: missing (sample has ${[...sampleTypes].join('|')})`);
      continue;
    }
    const want = [...sampleTypes].filter((t) => t !== 'null');
    const got = [...servedTypes].filter((t) => t !== 'null');
    if (want.length === 0 || got.length === 0) continue;
    if (got.some((t) => !want.includes(t))) {
      problems.push(`${path}: served ${got.join('|')}, sample has ${want.join('|')}`);
    }
  }
  return problems;
}
