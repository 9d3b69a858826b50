/** One extension attribute as a device reports it (computers: `values[]`; mobile devices: `value`). */
export interface ExtensionAttributeValue {
  readonly name: string;
  readonly values: readonly (string | null | undefined)[];
}

/**
 * Connection setting: extension attribute name → "field" or "field:choice", e.g.
 * `{ "Keyboard Layout": "keyboardLanguage", "Screen": "displaySizeInches:derived" }` (ea-mapping/).
 */
export type { StoredEaMapping as ExtensionAttributeMapping } from './ea-mapping/parse-ea-mapping';
