import { z } from 'zod';
import { baseFields, FiniteSchema, nullable } from './common.ts';

/** Portfolio Greeks of one underlying plus book-wide ratios. Published on `portfolio.risk`. */
export const PortfolioRiskEventSchema = z
  .object({
    /** Coins of the underlying */
    total_delta: FiniteSchema,
    /** Delta change per 1 USD */
    total_gamma: FiniteSchema,
    /** USD per 1 vol point */
    total_vega: FiniteSchema,
    /** USD per calendar day */
    total_theta: FiniteSchema,
    /** USD per 1 rate point */
    total_rho: FiniteSchema,
    /** Position value / equity, book-wide */
    position_ratio: nullable(FiniteSchema),
    /** Gross notional / equity, book-wide */
    leverage: nullable(FiniteSchema),
    /** The underlying the Greeks belong to; null = a whole book (original producer) */
    underlying: nullable(z.string()),
    ...baseFields,
  })
  .readonly();
export type PortfolioRiskEvent = z.infer<typeof PortfolioRiskEventSchema>;
