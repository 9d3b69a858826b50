import {
  detectJamfRecordKind,
  jamfRecordToAssetFacts,
  type ExtensionAttributeMapping,
  type JamfRecordFacts,
  type JamfRecordKind,
} from '../catalog';

export interface ExplainOptions {
  /** Forces the record kind; otherwise each record's kind is detected from its fields. */
  readonly kind?: JamfRecordKind | null;
  readonly eaMapping?: ExtensionAttributeMapping | null;
}

export type ExplainResult =
  | { readonly exitCode: 0; readonly stdout: string }
  | { readonly exitCode: 2; readonly stderr: string };

const USAGE_HINT = 'pipe one Jamf record, or a page {"totalCount", "results": [...]}, on stdin';

/**
 * What `jamf-sync explain` prints for the text it read on stdin: the asset facts of one raw Jamf
 * record, or an array of them for a page. Pure, so tests call it directly; bad input gives one
 * clear message and exit code 2.
 */
export function explainInput(text: string, options: ExplainOptions = {}): ExplainResult {
  if (text.trim() === '') return failure(`no input: ${USAGE_HINT}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failure(`stdin is not valid JSON (${(error as Error).message}): ${USAGE_HINT}`);
  }

  const page = pageRecords(json);
  const records = page ?? [json];
  if (records.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    return failure(`expected Jamf records (JSON objects): ${USAGE_HINT}`);
  }
  const explained: JamfRecordFacts[] = [];
  for (const [index, record] of records.entries()) {
    const kind = options.kind ?? detectJamfRecordKind(record);
    if (kind === null) {
      const which = page === null ? 'the record' : `record ${index + 1} of the page`;
      return failure(`cannot tell whether ${which} is a computer or a mobile device: pass --kind computer|mobile`);
    }
    explained.push(jamfRecordToAssetFacts(record, kind, { eaMapping: options.eaMapping ?? null }));
  }
  const output = page === null ? explained[0] : explained;
  return { exitCode: 0, stdout: `${JSON.stringify(output, null, 2)}\n` };
}

/** The records of a page `{totalCount, results}` (or a bare array), else null for a single record. */
function pageRecords(json: unknown): readonly unknown[] | null {
  if (Array.isArray(json)) return json;
  if (json !== null && typeof json === 'object' && Array.isArray((json as { results?: unknown }).results)) {
    return (json as { results: unknown[] }).results;
  }
  return null;
}

function failure(message: string): ExplainResult {
  return { exitCode: 2, stderr: `explain: ${message}\n` };
}
