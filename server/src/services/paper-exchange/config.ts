import { z } from 'zod';
import type { Env } from '../../config/env.ts';

/** Configuration of the paper exchange (SPEC §8.1, §11). `{}` parses to the defaults. */
export const PaperExchangeConfigSchema = z.strictObject({
  /** Synthetic spread around a tick without bid/ask, bps (`PAPER_SPREAD_BPS`) */
  spreadBps: z.number().finite().nonnegative().default(2),
  /** How often expiry settlement is checked, ms */
  settlementCheckMs: z.number().finite().positive().default(60_000),
  /** At start, the newest ticks and surfaces younger than this (s) seed the book, so a restart quotes at once */
  warmupMaxAgeS: z.number().finite().nonnegative().default(60),
  /** Run the settlement timer; false = the owner calls `settleExpired()` (tests) */
  timers: z.boolean().default(true),
});
export type PaperExchangeConfig = z.output<typeof PaperExchangeConfigSchema>;
export type PaperExchangeConfigInput = z.input<typeof PaperExchangeConfigSchema>;

/** The config from the environment (SPEC §11). */
export const paperExchangeConfigFromEnv = (env: Env): PaperExchangeConfigInput => ({
  spreadBps: env.PAPER_SPREAD_BPS,
});
