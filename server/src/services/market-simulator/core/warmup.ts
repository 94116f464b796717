import type { TickMessage } from './ticks.ts';
import {
  advanceUnderlying,
  initUnderlying,
  ticksOf,
  type MarketParams,
  type UnderlyingParams,
  type UnderlyingState,
} from './underlying-state.ts';

const MINUTE_MS = 60_000;

/** What a warm-up history covers. */
export interface WarmupInput {
  /** The underlyings without any tick yet, in publication order */
  params: readonly UnderlyingParams[];
  market: MarketParams;
  /** Master seed: the same seed, end and spacing give the same history */
  seed: number;
  /** The history ends here (the first live tick's time), epoch ms */
  endMs: number;
  /** Length of the history, minutes */
  minutes: number;
  /** Spacing of the history's ticks, ms */
  intervalMs: number;
  /** Time steps per yielded batch (each step: a spot and a perpetual tick per underlying) */
  stepsPerBatch: number;
}

/**
 * Times of the warm-up ticks, oldest first: `intervalMs` apart, the last one `intervalMs` before
 * `endMs` (the first live tick is at `endMs`). Empty when `minutes` is 0.
 */
export function warmupTimes(endMs: number, minutes: number, intervalMs: number): number[] {
  const steps = Math.ceil((minutes * MINUTE_MS) / intervalMs);
  return Array.from({ length: steps }, (_, i) => endMs - (steps - i) * intervalMs);
}

/**
 * Generates a seeded warm-up history of spot and perpetual ticks ending at `endMs`, in time order
 * (at each time: spot then perpetual of each underlying, in the order given), in batches. Each path
 * starts at its start price, `minutes` before `endMs`. Returns each underlying's state advanced to
 * `endMs`, in the order of `params`, so live ticks continue the history.
 */
export function* warmupHistory(input: WarmupInput): Generator<TickMessage[], UnderlyingState[], void> {
  const times = warmupTimes(input.endMs, input.minutes, input.intervalMs);
  const first = times[0] ?? input.endMs;
  let states = input.params.map((p) => initUnderlying(p, input.seed, first));
  let batch: TickMessage[] = [];
  let stepsInBatch = 0;
  for (const t of times) {
    states = states.map((s, i) => step(s, input.params[i], t));
    input.params.forEach((p, i) => {
      const s = states[i];
      if (s) batch.push(...ticksOf(s, p, input.market));
    });
    stepsInBatch += 1;
    if (stepsInBatch >= input.stepsPerBatch) {
      yield batch;
      batch = [];
      stepsInBatch = 0;
    }
  }
  if (batch.length > 0) yield batch;
  return states.map((s, i) => step(s, input.params[i], input.endMs));
}

// The first time equals the initial state's time, so advancing to it changes nothing
const step = (s: UnderlyingState, p: UnderlyingParams | undefined, t: number): UnderlyingState =>
  p ? advanceUnderlying(s, p, t) : s;
