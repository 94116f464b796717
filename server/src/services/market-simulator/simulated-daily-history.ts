import type { DailyBar } from '@gamma/shared';
import type { DailyHistorySource } from '../../market-data/daily-history-source.ts';
import { dailyHistory, type DailyHistoryShape } from './core/daily-history.ts';
import { jumpVariance } from './core/price-path.ts';
import type { UnderlyingParams } from './core/underlying-state.ts';

/** Where a simulated path begins: its first time and price (the end of its daily history). */
export interface PathStart {
  params: UnderlyingParams;
  atMs: number;
  price: number;
}

/**
 * The simulator's {@link DailyHistorySource}: a seeded daily history of each underlying ending where its
 * simulated path begins (the warm-up's first tick, or the last tick it continues from), so the daily
 * bars and the ticks join into one market.
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
