import type { JsonObject } from './fleet-types';

export const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Merges `patch` into `target` without mutating either: objects merge key by key, everything else
 * (arrays, primitives, null) replaces. This is how a control-API PATCH edits one field of a record.
 */
export function deepMerge(target: JsonObject, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    merged[key] = isPlainObject(value) && isPlainObject(current) ? deepMerge(current, value) : value;
  }
  return merged;
}

/** Reads a dotted path ("general.remoteManagement.managed"); undefined when any step is missing. */
export function getPath(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (!isPlainObject(value)) return undefined;
    value = value[key];
  }
  return value;
}
