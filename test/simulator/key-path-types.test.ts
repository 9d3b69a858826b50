import { keyPathTypes, structureMismatches } from './key-path-types';

describe('keyPathTypes', () => {
  it('flattens nested objects and array items into typed paths', () => {
    const paths = keyPathTypes({ results: [{ id: '1', general: { managed: true, n: 2 } }, { id: null }] });
    expect([...paths.entries()].map(([p, t]) => `${p}:${[...t].sort().join('|')}`)).toEqual([
      'results:array',
      'results[]:object',
      'results[].id:null|string',
      'results[].general:object',
      'results[].general.managed:boolean',
      'results[].general.n:number',
    ]);
  });
});

describe('structureMismatches', () => {
  const sample = { a: 'x', b: { c: 1, d: [{ e: true }] }, f: null };

  it('accepts the same shape with other values and extra fields', () => {
    expect(structureMismatches(sample, { a: 'y', b: { c: 2, d: [{ e: false }] }, f: 3, extra: 1 })).toEqual([]);
  });

  it('reports a changed type and a missing field', () => {
    expect(structureMismatches(sample, { a: 1, b: { d: [{ e: true }] }, f: null })).toEqual([
      'a: served number, sample has string',
      'b.c: missing (sample has number)',
    ]);
  });

  it('accepts an empty list of strings but not an empty list of objects', () => {
    expect(structureMismatches({ tags: ['a'], items: [{ id: 1 }] }, { tags: [], items: [{ id: 2 }] })).toEqual([]);
    expect(structureMismatches({ tags: ['a'] }, { tags: [1] })).toEqual(['tags[]: served number, sample has string']);
  });

  it('lets a null object cover its fields and honours the allow-list', () => {
    expect(structureMismatches(sample, { a: 'y', b: null, f: null })).toEqual([]);
    expect(structureMismatches(sample, { a: 'y', b: { c: 1, d: [] }, f: 'x' }, ['b.d'])).toEqual([]);
    expect(structureMismatches(sample, { a: 'y', b: { c: 1, d: [] } })).toEqual([
      'b.d[]: missing (sample has object)',
      'b.d[].e: missing (sample has boolean)',
      'f: missing (sample has null)',
    ]);
  });
});
