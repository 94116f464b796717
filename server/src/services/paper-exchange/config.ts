import { z } from 'zod';
import { envSection } from '../../config/read-section.ts';
import { NUMBER } from '../../config/readers.ts';
import { fieldsOf, setting } from '../../config/setting.ts';

/** Which environment variable feeds which field (SPEC §11). */
export const PAPER_EXCHANGE_ENV = {
  spreadBps: setting({
    variable: 'PAPER_SPREAD_BPS',
    reader: NUMBER,
    schema: z.number().finite().nonnegative().default(2),
    meaning: 'paper exchange: synthetic spread around a tick without bid/ask, bps',
  }),
  warmupMaxAgeS: setting({
    variable: 'PAPER_WARMUP_MAX_AGE_S',
    reader: NUMBER,
    schema: z.number().finite().nonnegative().default(60),
    meaning: 'paper exchange: at start, the newest ticks and surfaces younger than this seed its book, s',
  }),
};

/** Configuration of the paper exchange (SPEC §8.1, §11). `{}` parses to the defaults. */
export const PaperExchangeConfigSchema = z.strictObject({
  ...fieldsOf(PAPER_EXCHANGE_ENV),
  /** How often expiry settlement is checked, ms */
  settlementCheckMs: z.number().finite().positive().default(60_000),
  /** Run the settlement timer; false = the owner calls `settleExpired()` (tests) */
  timers: z.boolean().default(true),
});
export type PaperExchangeConfig = z.output<typeof PaperExchangeConfigSchema>;
export type PaperExchangeConfigInput = z.input<typeof PaperExchangeConfigSchema>;

/** The paper exchange's section of the configuration, read from the environment. */
export const paperExchangeSection = envSection(
  'paper-exchange',
  PaperExchangeConfigSchema,
  PAPER_EXCHANGE_ENV,
);
