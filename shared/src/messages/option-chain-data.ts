import { z } from 'zod';
import { FiniteSchema, IsoTimestampSchema, nullable } from './common.ts';

/** Per-option Greeks in the display units of SPEC §9 (per option on one coin). */
export const OptionGreeksSchema = z
  .object({
    /** Coins per option (forward delta, undiscounted) */
    delta: FiniteSchema,
    /** Delta change per 1 USD */
    gamma: FiniteSchema,
    /** USD per calendar day */
    theta: FiniteSchema,
    /** USD per 1 vol point */
    vega: FiniteSchema,
    /** USD per 1 rate point */
    rho: FiniteSchema,
  })
  .readonly();
export type OptionGreeks = z.infer<typeof OptionGreeksSchema>;

/** One row of a volatility surface: one listed option. */
export const OptionChainDataSchema = z
  .object({
    /** Spot symbol of the underlying, e.g. `BTC/USDT` */
    underlying: z.string().min(1),
    /** Strike, USD */
    strike: FiniteSchema.positive(),
    /** Expiry date `YYYY-MM-DD`; expires 08:00 UTC that day */
    expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** Call or put */
    option_type: z.enum(['call', 'put']),
    /** Best bid, USD per option on one coin */
    bid: FiniteSchema,
    /** Best ask, USD per option on one coin */
    ask: FiniteSchema,
    /** Last price, USD */
    last: FiniteSchema,
    /** Volume, in options */
    volume: FiniteSchema,
    /** Open interest, in options */
    open_interest: FiniteSchema,
    /** Mid implied volatility, annualised decimal */
    implied_volatility: FiniteSchema,
    /** Greeks at `implied_volatility` */
    greeks: nullable(OptionGreeksSchema),
    /** Option symbol (SPEC §3.1); derivable when absent */
    symbol: nullable(z.string()),
    /** When the row was priced */
    timestamp: IsoTimestampSchema.optional(),
  })
  .readonly();
export type OptionChainData = z.infer<typeof OptionChainDataSchema>;
