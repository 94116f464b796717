import { z } from 'zod';
import { baseFields, FiniteSchema, nullable } from './common.ts';

/** The six macro regimes of SPEC §6.3. */
export const MACRO_REGIMES = ['bull', 'bear', 'panic', 'high_vol_bull', 'chop', 'unknown'] as const;
export type MacroRegime = (typeof MACRO_REGIMES)[number];

/** Market regime, sentiment and FOMO. Published on `market.macro_state`. */
export const MacroStateEventSchema = z
  .object({
    /** Null = market-wide; else the underlying it applies to */
    symbol: nullable(z.string()),
    /** `bull`, `bear`, `panic`, `high_vol_bull`, `chop`, `unknown` */
    macro_regime: nullable(z.string()),
    /** 0…1 */
    regime_score: FiniteSchema.default(0),
    /** −1…1; null when no sentiment source answered */
    sentiment_score: nullable(FiniteSchema),
    /** 0…1; null when sentiment or realized vol is unknown */
    fomo_score: nullable(FiniteSchema),
    /** Realized vol the regime was computed from, annualised */
    realized_vol: nullable(FiniteSchema),
    /** Latest perpetual funding rate of the macro symbol, per 8 h */
    funding_rate: nullable(FiniteSchema),
    /** On-chain activity index (100 = an ordinary day); null when no source answered recently enough */
    onchain_activity: nullable(FiniteSchema),
    /** **add.** Seconds since the last on-chain reading (also when it is too old to use); null when none */
    onchain_age_s: nullable(FiniteSchema.nonnegative()),
    ...baseFields,
  })
  .readonly();
export type MacroStateEvent = z.infer<typeof MacroStateEventSchema>;
