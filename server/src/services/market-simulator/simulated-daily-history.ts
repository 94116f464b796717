import type { DailyBar } from '@gamma/shared';
import type { DailyHistorySource } from '../../market-data/daily-history-source.ts';
import { dailyHistory, type DailyHistoryShape } from './core/daily-history.ts';
import { jumpVariance } from './core/price-path.ts';
import type { UnderlyingParams } from './core/underlying-state.ts';

/** Where a simulated path's live ticks begin: their first time and price (the end of its daily history). */
export interface PathStart {
  params: UnderlyingParams;
  atMs: number;
  price: number;
}

/**
 * The simulator's {@link DailyHistorySource}: a seeded daily history of each underlying ending at the
 * current simulated price (where the live ticks begin: after the warm-up, or where a continued path
 * resumes).
 */
export class SimulatedDailyHistory implements DailyHistorySource {
  readonly name = 'simulator';

  constructor(
    private readonly starts: ReadonlyMap<string, PathStart>,
    private readonly options: { seed: number; shape: DailyHistoryShape },
  ) {}

  dailyBars(symbol: string, days: number): Promise<DailyBar[]> {
    const start = this.starts.get(symbol);
    if (!start) return Promise.resolve([]);
    const p = start.params;
    return Promise.resolve(
      dailyHistory({
        underlying: symbol,
        seed: this.options.seed,
        endMs: start.atMs,
        endPrice: start.price,
        days,
        annualVol: Math.sqrt(p.path.longRunVariance + jumpVariance(p.path)),
        dailyVolume: p.dailyVolume,
        shape: this.options.shape,
      }),
    );
  }
}
