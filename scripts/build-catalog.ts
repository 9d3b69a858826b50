/**
 * Builds the Apple model catalog from the datasets in ../shared/apple-models and writes it, with the
 * licence notices and a cross-check report, to src/catalog/model-data/. The generated files are committed:
 * the service never reads ../shared at run time.
 *
 *   npx tsx scripts/build-catalog.ts [path-to-apple-models]   (default ../shared/apple-models)
 */
import { resolve } from 'node:path';
import { mergeCatalog } from './catalog/merge-catalog';
import { readAppleModelSources } from './catalog/read-sources';
import { copyLicences, writeCatalogFiles } from './catalog/write-catalog';

function main(): void {
  const sourceRoot = resolve(process.argv[2] ?? '../shared/apple-models');
  const outDir = resolve(__dirname, '../src/catalog/model-data');
  const sources = readAppleModelSources(sourceRoot);
  const { entries, partNumbers, report } = mergeCatalog(sources);
  writeCatalogFiles(outDir, entries, partNumbers, report);
  copyLicences(sourceRoot, outDir);
  console.log(`catalog: ${entries.length} identifiers, ${partNumbers.size} part-number prefixes → ${outDir}`);
  for (const [name, lines] of Object.entries(report)) console.log(`  ${name}: ${lines.length}`);
}

main();
