import { sql, type SQL } from 'drizzle-orm';

/**
 * The asset fields import and export speak, under the names `jamf-sync explain` prints, with the
 * column each lives in. One table, so an export can always be imported again.
 */
export type FieldKind = 'text' | 'integer' | 'bigint' | 'real';

export interface AssetColumn {
  field: string;
  column: string;
  kind: FieldKind;
}

/** Fields an import may set (besides serialNumber, the key, and assigneeEmail), in explain's order. */
export const SETTABLE_ASSET_COLUMNS: readonly AssetColumn[] = [
  { field: 'jamfId', column: 'jamf_id', kind: 'text' },
  { field: 'assetType', column: 'asset_type', kind: 'text' },
  { field: 'make', column: 'make', kind: 'text' },
  { field: 'model', column: 'model', kind: 'text' },
  { field: 'modelIdentifier', column: 'model_identifier', kind: 'text' },
  { field: 'modelNumber', column: 'model_number', kind: 'text' },
  { field: 'displaySizeInches', column: 'display_size_inches', kind: 'real' },
  { field: 'releaseDate', column: 'release_date', kind: 'text' },
  { field: 'color', column: 'color', kind: 'text' },
  { field: 'keyboardLanguage', column: 'keyboard_language', kind: 'text' },
  { field: 'imei', column: 'imei', kind: 'text' },
  { field: 'memoryMb', column: 'memory_mb', kind: 'integer' },
  { field: 'processor', column: 'processor', kind: 'text' },
  { field: 'processorFrequencyMhz', column: 'processor_frequency_mhz', kind: 'integer' },
  { field: 'storageMb', column: 'storage_mb', kind: 'bigint' },
  { field: 'storageType', column: 'storage_type', kind: 'text' },
  { field: 'operatingSystem', column: 'operating_system', kind: 'text' },
  // Inventory-owned (R6): the customer's data, which an import is the place to set.
  { field: 'status', column: 'status', kind: 'text' },
  { field: 'condition', column: 'condition', kind: 'text' },
  { field: 'location', column: 'location', kind: 'text' },
];

/** Export-only fields: Jamf bookkeeping an import ignores (it is not the customer's to set). */
export const EXPORT_ONLY_ASSET_FIELDS = ['jamfPresence', 'jamfRemovedAt'] as const;

/** R12 fields, exported only with --include-secure; an import ignores them. */
export const SECURE_ASSET_FIELDS = ['activationLockEnabled', 'recoveryLockEnabled', 'appleCareId', 'recoveryKey'] as const;

/** Every column of an asset export, in order (secure ones last, when asked for). */
export function assetExportFields(includeSecure: boolean): string[] {
  return [
    'serialNumber',
    ...SETTABLE_ASSET_COLUMNS.map((c) => c.field),
    'assigneeEmail',
    ...EXPORT_ONLY_ASSET_FIELDS,
    ...(includeSecure ? SECURE_ASSET_FIELDS : []),
  ];
}

/**
 * Selects every settable column under its field name, in types JavaScript reads alike on both
 * drivers: bigint as float8 (node-postgres would give a string) and the float4 display size through
 * numeric (so 13.3 reads 13.3, not 13.300000190734863).
 */
export function selectAssetColumns(alias: string): SQL {
  return sql.raw(
    SETTABLE_ASSET_COLUMNS.map((c) => `${columnAsRead(`${alias}.${c.column}`, c.kind)} as "${c.field}"`).join(', '),
  );
}

function columnAsRead(ref: string, kind: FieldKind): string {
  if (kind === 'bigint') return `${ref}::float8`;
  if (kind === 'real') return `${ref}::numeric::float8`;
  return ref;
}

/** The SQL type a field's value is cast to when written from a JSON document. */
export function sqlTypeOf(kind: FieldKind): string {
  return kind === 'real' ? 'real' : kind;
}
