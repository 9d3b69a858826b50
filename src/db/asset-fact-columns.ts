/**
 * The hardware-fact columns of `assets` as raw SQL returns them (snake_case): the part of an asset
 * row that both the API's asset read and the sync's plan context map.
 */
export interface AssetFactColumns {
  make: string | null;
  model: string | null;
  model_identifier: string | null;
  model_number: string | null;
  display_size_inches: number | null;
  release_date: string | null;
  color: string | null;
  keyboard_language: string | null;
  imei: string | null;
  memory_mb: number | null;
  processor: string | null;
  processor_frequency_mhz: number | null;
  /** bigint: text on node-postgres. */
  storage_mb: number | string | null;
  storage_type: string | null;
  operating_system: string | null;
}
