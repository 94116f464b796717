/**
 * A small seeded PRNG (mulberry32) with Box–Muller normals. Pure: every draw takes a state and
 * returns the value with the next state, so a path is reproducible from its seed.
 */
export interface RngState {
  /** 32-bit generator state */
  readonly s: number;
  /** The second normal of the last Box–Muller pair, used by the next `normal` call */
  readonly spare: number | null;
}

export interface Draw {
  value: number;
  rng: RngState;
}

/** A generator seeded from an integer. */
export const seedRng = (seed: number): RngState => ({ s: seed >>> 0, spare: null });

/** A 32-bit FNV-1a hash of a string, for per-symbol seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The seed of one named stream of random numbers (an underlying, the sentiment source…) under a master seed. */
export const streamSeed = (seed: number, name: string): number =>
  (hashString(name) ^ Math.imul(seed, 0x9e3779b1)) >>> 0;

/** A uniform number in [0, 1). */
export function uniform(rng: RngState): Draw {
  const s = (rng.s + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return { value, rng: { s, spare: rng.spare } };
}

/** A standard normal draw (Box–Muller; the pair's second value is kept for the next call). */
export function normal(rng: RngState): Draw {
  if (rng.spare !== null) return { value: rng.spare, rng: { s: rng.s, spare: null } };
  const a = uniform(rng);
  const b = uniform(a.rng);
  // 1 − u lies in (0, 1], so the logarithm is finite
  const radius = Math.sqrt(-2 * Math.log(1 - a.value));
  const angle = 2 * Math.PI * b.value;
  return { value: radius * Math.cos(angle), rng: { s: b.rng.s, spare: radius * Math.sin(angle) } };
}

/** A Poisson count with mean `mean` (Knuth's method; meant for small means such as jumps per step). */
export function poisson(rng: RngState, mean: number): Draw {
  if (!(mean > 0)) return { value: 0, rng };
  const limit = Math.exp(-mean);
  let product = 1;
  let count = -1;
  let state = rng;
  do {
    const u = uniform(state);
    state = u.rng;
    product *= u.value;
    count += 1;
  } while (product > limit && count < 1000);
  return { value: count, rng: state };
}
