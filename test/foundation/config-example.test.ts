import fs from 'node:fs';
import path from 'node:path';
import { configSchema } from '../../src/config/schema';
import { defaultConfig, loadConfig } from '../../src/config/load-config';

const example = path.join(__dirname, '../../config/local.example.json');

describe('config/local.example.json', () => {
  it('lists every setting the schema knows, and nothing else', () => {
    const keys = Object.keys(JSON.parse(fs.readFileSync(example, 'utf8')));
    expect(keys.sort()).toEqual(Object.keys(configSchema.shape).sort());
  });

  it('is valid and gives exactly the defaults', () => {
    expect(loadConfig({ CONFIG_FILE: example })).toEqual(defaultConfig());
  });
});
