/**
 * Coverage of the generated Apple model catalog (issue 17): identifiers known, with a display size,
 * with a release date, with a colour by part number, and how many facts were added by hand.
 * Exits 1 when an identifier that should have a display size or a release date has none.
 *
 *   npm run catalog:check
 */
import { catalogCoverage } from '../src/catalog/catalog-coverage';

function main(): void {
  const c = catalogCoverage();
  const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;
  const list = (record: Readonly<Record<string, number>>): string =>
    Object.entries(record)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key} ${n}`)
      .join(', ');
  console.log(`identifiers known:            ${c.identifiers} (${list(c.byAssetType)})`);
  console.log(
    `with a display size:          ${c.withDisplay.known} of ${c.withDisplay.expected} with a built-in display (${percent(c.withDisplay.known, c.withDisplay.expected)})`,
  );
  console.log(`  not counted:                ${list(c.withoutDisplayByReason)}`);
  console.log(`  two sizes, string picks:    ${c.severalDisplaySizes.join(', ') || 'none'}`);
  console.log(
    `with a release date:          ${c.withRelease.known} of ${c.withRelease.expected} devices (${percent(c.withRelease.known, c.withRelease.expected)}); ${c.withRelease.withMonth} with the month`,
  );
  console.log(`  two years, string picks:    ${c.withRelease.severalYears.length} (${c.withRelease.severalYears.join(', ')})`);
  console.log(`with a colour by part number: ${c.withColourByPartNumber} identifiers, ${c.partNumberPrefixes} part-number prefixes`);
  console.log(`hand-added facts:             ${list(c.handAdded)}`);
  const missing = [
    ...c.withDisplay.missing.map((id) => `${id}: no display size`),
    ...c.withRelease.missing.map((id) => `${id}: no release date`),
  ];
  for (const line of missing) console.log(`MISSING ${line}`);
  process.exitCode = missing.length > 0 ? 1 : 0;
}

main();
