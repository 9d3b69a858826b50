import type { ProductFamily } from '../types';

export type Season = 'Early' | 'Mid' | 'Late' | 'Summer' | 'Spring' | 'Fall' | 'Winter';

/** What the token rules fill in while they read a model string. The first value found wins. */
export interface ParseState {
  family: ProductFamily | null;
  modelWords: string[];
  displaySizeInches: number | null;
  caseSizeMm: number | null;
  chip: string | null;
  year: number | null;
  season: Season | null;
  month: number | null;
  generation: number | null;
  revision: string | null;
  radio: string[];
  details: string[];
}

export function emptyParseState(): ParseState {
  return {
    family: null,
    modelWords: [],
    displaySizeInches: null,
    caseSizeMm: null,
    chip: null,
    year: null,
    season: null,
    month: null,
    generation: null,
    revision: null,
    radio: [],
    details: [],
  };
}
