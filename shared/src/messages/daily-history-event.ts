import { z } from 'zod';
import { baseFields, FiniteSchema, IsoTimestampSchema } from './common.ts';

const PriceSchema = FiniteSchema.positive();

/** One completed daily UTC bar (a venue's daily candle). */
export const DailyBarSchema = z
  .object({
    /** 00:00 UTC of the bar's day */
    open_time: IsoTimestampSchema,
    open: PriceSchema,
    high: PriceSchema,
    low: PriceSchema,
    close: PriceSchema,
    /** Traded in the day, in coins */
    volume: FiniteSchema.nonnegative().default(0),
  })
  .refine((b) => b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close), {
    message: 'a bar needs low ≤ open, close ≤ high',
  })
  .readonly();
export type DailyBar = z.infer<typeof DailyBarSchema>;

/**
 * **add.** The completed daily bars of a symbol before a start, so a strategy that needs days of history
 * (S1's 52 days) has it at once. Published on `market.daily_history` by the market simulator (a seeded
 * history) or a venue adapter (the venue's daily candles); a consumer merges it with the bars it builds
 * from ticks (per day: the highest high, the lowest low).
 */
export const DailyHistoryEventSchema = z
  .object({
    /** Spot symbol `BASE/QUOTE` */
    symbol: z.string().min(1),
    /** Bar length; only `1d` is defined */
    interval: z.literal('1d').default('1d'),
    /** Oldest first, one per UTC day, each day before the one of `timestamp` */
    bars: z.array(DailyBarSchema),
    /** Who produced the bars: `simulator`, or the venue's name */
    source: z.string().min(1),
    ...baseFields,
  })
  .readonly();
export type DailyHistoryEvent = z.infer<typeof DailyHistoryEventSchema>;
