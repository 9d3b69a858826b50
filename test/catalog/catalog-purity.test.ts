import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/*
 * The catalog is pure and ships its data: it must never read the source datasets (the datasets are read only by
 * scripts/build-catalog.ts) nor do any other I/O. `explain` reads stdin through `process` only.
 */
describe('catalog and explain purity', () => {
  const files = [...sourceFiles(join(root, 'src/catalog')), ...sourceFiles(join(root, 'src/explain'))];

  it.each(files.map((f) => [f.slice(root.length + 1)]))('%s does no file, network or process I/O', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).not.toMatch(/from '(?:node:)?(?:fs|fs\/promises|path|http|https|net|child_process)'/);
    expect(text).not.toMatch(/require\(/);
  });

  it('loads the committed catalog, not the datasets', () => {
    const lookup = readFileSync(join(root, 'src/catalog/catalog-lookup.ts'), 'utf8');
    expect(lookup).toContain("from './model-data/apple-models.generated'");
  });
});
