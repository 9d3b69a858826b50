/**
 * A small seeded pseudo-random generator (mulberry32). The simulator must be reproducible: the same
 * seed yields the same fleet and the same sequence of injected faults, so tests can assert on them.
 */
export interface Prng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with the given probability (0..1). */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight; `weights[i]` belongs to `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  hex(length: number, upperCase?: boolean): string;
  /** Characters drawn from `alphabet`. */
  chars(length: number, alphabet: string): string;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  // Several characters per draw: a draw has 32 random bits, a character needs at most 6.
  const chars = (length: number, alphabet: string): string => {
    const size = alphabet.length;
    const perDraw = Math.max(1, Math.floor(32 / Math.ceil(Math.log2(size))));
    let out = '';
    let roll = 0;
    for (let i = 0; i < length; i++) {
      if (i % perDraw === 0) roll = next();
      roll *= size;
      const index = Math.floor(roll);
      roll -= index;
      out += alphabet[index];
    }
    return out;
  };
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted: (items, weights) => {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let roll = next() * total;
      for (let i = 0; i < items.length; i++) {
        roll -= weights[i] ?? 0;
        if (roll < 0) return items[i] as (typeof items)[number];
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    hex: (length, upperCase = false) => {
      const value = chars(length, '0123456789abcdef');
      return upperCase ? value.toUpperCase() : value;
    },
    chars,
  };
}
