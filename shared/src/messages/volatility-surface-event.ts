import { z } from 'zod';
import { baseFields, FiniteSchema, nullable } from './common.ts';
import { OptionChainDataSchema } from './option-chain-data.ts';

/** The option chain and its implied-vol summary (the P world). Published on `market.vol_surface`. */
export const VolatilitySurfaceEventSchema = z
  .object({
    /** Spot symbol */
    underlying: z.string().min(1),
    /** The live chain */
    surface_data: z.array(OptionChainDataSchema),
    /** ATM implied vol of `atm_expiry` (P) */
    atm_iv: FiniteSchema,
    /** Strike (no decimals) → OTM option IV, for `atm_expiry` */
    iv_skew: z.record(z.string(), FiniteSchema),
    /** Expiry `YYYY-MM-DD` → ATM implied vol */
    term_structure: z.record(z.string(), FiniteSchema),
    /** Spot when the surface was built */
    spot_price: nullable(FiniteSchema),
    /** Expiry → forward F */
    forwards: nullable(z.record(z.string(), FiniteSchema)),
    /** Nearest expiry at least 24 h away */
    atm_expiry: nullable(z.string()),
    /** Expiry → 25-delta call IV − 25-delta put IV */
    rr_25d: nullable(z.record(z.string(), FiniteSchema)),
    ...baseFields,
  })
  .readonly();
export type VolatilitySurfaceEvent = z.infer<typeof VolatilitySurfaceEventSchema>;
