import { z } from 'zod';
import { baseFields, FiniteSchema, nullable } from './common.ts';

/** A trade/quote tick of a spot or perpetual symbol. Published on `market.tick`. */
export const MarketTickEventSchema = z
  .object({
    /** Spot (`BTC/USDT`) or perpetual (`BTC/USDT:USDT`) symbol */
    symbol: z.string().min(1),
    /** Last trade price, USD */
    price: FiniteSchema.positive(),
    /** Base volume, rolling 24 h */
    volume: FiniteSchema.default(0),
    /** Best bid, USD */
    bid: nullable(FiniteSchema),
    /** Best ask, USD */
    ask: nullable(FiniteSchema),
    ...baseFields,
  })
  .readonly();
export type MarketTickEvent = z.infer<typeof MarketTickEventSchema>;
