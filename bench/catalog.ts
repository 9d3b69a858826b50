/**
 * Benchmark: records/second for deriveAssetFacts over 100,000 generated records (target > 200,000/s
 * on one core). Run: npx tsx bench/catalog.ts [records]
 *
 * Records are drawn from the catalog itself, in every grammar the parser handles: Apple's names,
 * Jamf's older forms, raw identifiers as model strings, missing identifiers, part numbers, boot disk
 * models and some non-Apple records. Extension attributes are laid over the facts afterwards
 * (catalog/ea-mapping/), outside what this measures.
 */
import { performance } from 'node:perf_hooks';
import { allCatalogEntries, deriveAssetFacts, type AssetFactsInput, type CatalogEntry } from '../src/catalog';
import { PART_NUMBER_COLORS } from '../src/catalog/model-data/part-number-colors.generated';
import { parseModelStringUncached } from '../src/catalog/model-string/parse-model-string';

/** Small seeded PRNG (mulberry32) so every run measures the same records. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DISKS = ['APPLE SSD AP0512Q', 'APPLE SSD SM0256G', 'APPLE HDD TOSHIBA MK5065GSXF', 'APPLE HDD ST1000DM003', null];
const OLDER_FORMS = ['13-inch MacBook Pro (Mid 2012)', 'iPad 3rd Generation (Wi-Fi)', 'iPad mini (Wi-Fi Only)', 'iPhone 5S (GSM)', 'Apple TV 3rd Generation Rev 2', 'iPad 5th Generation (Wi-Fi)'];
const NON_APPLE: AssetFactsInput = { kind: 'mobile', modelString: 'Android', make: 'Samsung', platform: 'Android' };

function generateRecords(count: number): AssetFactsInput[] {
  const random = seededRandom(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const entries: readonly CatalogEntry[] = allCatalogEntries();
  const partNumbersById = new Map<string, string[]>();
  for (const [prefix, [, ids]] of Object.entries(PART_NUMBER_COLORS)) {
    for (const id of ids.split(' ')) partNumbersById.set(id, [...(partNumbersById.get(id) ?? []), prefix]);
  }
  const records: AssetFactsInput[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.01) {
      records.push(NON_APPLE);
      continue;
    }
    const entry = pick(entries);
    const computer = entry.assetType === 'laptop' || entry.assetType === 'desktop' || entry.family === 'Apple Virtual Machine';
    const modelString = roll < 0.05 ? entry.identifier : roll < 0.1 ? pick(OLDER_FORMS) : pick(entry.names);
    const partNumbers = partNumbersById.get(entry.identifier);
    records.push({
      kind: computer ? 'computer' : 'mobile',
      modelString,
      modelIdentifier: random() < 0.95 ? entry.identifier : null,
      modelNumber: !computer && partNumbers ? `${pick(partNumbers)}LL` : null,
      make: computer ? 'Apple' : null,
      platform: computer ? 'Mac' : 'iOS',
      osName: computer ? 'macOS' : null,
      bootDiskModel: computer ? pick(DISKS) : null,
    });
  }
  return records;
}

interface Run {
  readonly wallPerSecond: number;
  /** Records per second of this process's own CPU time: steadier when other work shares the machine. */
  readonly cpuPerSecond: number;
}

function measure(records: readonly AssetFactsInput[]): Run {
  let checksum = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (const record of records) if (deriveAssetFacts(record).assetType !== 'unknown') checksum++;
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  if (checksum === 0) throw new Error('no record derived a type: the benchmark is measuring nothing');
  return { wallPerSecond: records.length / seconds, cpuPerSecond: records.length / ((cpu.user + cpu.system) / 1e6) };
}

function main(): void {
  const count = Number(process.argv[2] ?? 100_000);
  const records = generateRecords(count);
  measure(records.slice(0, 10_000)); // warm-up: let V8 optimise before timing
  const runs = Array.from({ length: 5 }, () => measure(records));
  const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const format = (n: number): string => Math.round(n).toLocaleString('en-US');
  const wall = runs.map((r) => r.wallPerSecond);
  console.log(`deriveAssetFacts over ${format(count)} generated records, 5 runs, one core (Node ${process.version}):`);
  console.log(`  wall clock: median ${format(median(wall))} records/s (best ${format(Math.max(...wall))}); target 200,000/s`);
  console.log(`  CPU time:   median ${format(median(runs.map((r) => r.cpuPerSecond)))} records per CPU-second`);
  // deriveAssetFacts memoises parsed model strings (a fleet repeats a few hundred of them); this is
  // the parser itself, every string parsed afresh, over every name in the catalog.
  const names = allCatalogEntries().flatMap((e) => e.names);
  const parseRuns = Array.from({ length: 5 }, () => measureParse(names, 200_000));
  console.log(`  parseModelString without its memo: median ${format(median(parseRuns))} strings/s (${names.length} distinct names)`);
}

function measureParse(names: readonly string[], count: number): number {
  let found = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) if (parseModelStringUncached(names[i % names.length])?.family) found++;
  if (found === 0) throw new Error('nothing parsed');
  return count / ((performance.now() - start) / 1000);
}

main();
