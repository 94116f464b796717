/** A small seeded pseudo-random source, so a chaos run is replayed exactly from its printed seed. */
export interface Rng {
  /** Uniform in [0, 1) */
  next(): number;
  /** Uniform integer in [min, max] */
  int(min: number, max: number): number;
  /** One element of a non-empty list */
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: 32 bits of state, good enough spread for choosing times and targets. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}
