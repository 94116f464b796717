import type { DailyBar } from '@gamma/shared';
import type { Bus } from '../bus/bus.ts';
import { iso, type Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';

/**
 * Where the completed daily bars of a symbol come from: the market simulator's seeded history, or (a
 * venue adapter) the venue's daily candles. Whatever the source, they reach the strategies the same way,
 * on `market.daily_history` ({@link offerDailyHistory}).
 */
export interface DailyHistorySource {
  /** Named on the message (`simulator`, a venue's name) */
  readonly name: string;
  /** The last `days` completed UTC days of `symbol` before the source's present, oldest first; [] when unknown */
  dailyBars(symbol: string, days: number): Promise<DailyBar[]>;
}

/** Entries of `market.daily_history` looked at for a symbol's earlier history (one per symbol and first start) */
const EARLIER_HISTORIES_READ = 1000;

/**
 * Publishes on `market.daily_history` the bars of each symbol the stream holds no history for yet, so a
 * restart (of the producer or of the strategies) neither replaces a history the strategies took in nor
 * loses it: the entry stays on the stream. Returns the symbols published.
 */
export async function offerDailyHistory(
  deps: { bus: Bus; clock: Clock; log: Logger },
  source: DailyHistorySource,
  request: { symbols: readonly string[]; days: number },
): Promise<string[]> {
  if (request.days <= 0) return [];
  const earlier = await deps.bus.latest('market.daily_history', EARLIER_HISTORIES_READ);
  const known = new Set(earlier.map((e) => e.message.symbol));
  const published: string[] = [];
  for (const symbol of request.symbols) {
    if (known.has(symbol)) continue;
    const bars = await source.dailyBars(symbol, request.days);
    if (bars.length === 0) continue;
    await deps.bus.publish('market.daily_history', {
      symbol,
      interval: '1d',
      bars: [...bars],
      source: source.name,
      timestamp: iso(deps.clock.now()),
    });
    published.push(symbol);
  }
  if (published.length > 0)
    deps.log.info('daily history published', { source: source.name, symbols: published, days: request.days });
  return published;
}
