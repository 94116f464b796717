import { z } from 'zod';
import { envSection } from '../../config/read-section.ts';
import { NUMBER } from '../../config/readers.ts';
import { fieldsOf, setting } from '../../config/setting.ts';
import {
  EXEC_MIN_EXPIRY_H,
  EXEC_PRICE_BUFFER_PCT,
  EXEC_STRANGLE_DELTA,
} from '../../config/shared-settings.ts';

/** Which environment variable feeds which field (SPEC §7, §11 `EXEC_*`). */
export const OPTION_EXECUTION_ENV = {
  maxSurfaceAgeS: setting({
    variable: 'EXEC_SURFACE_MAX_AGE_S',
    reader: NUMBER,
    schema: z.number().finite().default(60),
    meaning: 'option execution: a surface older than this is not used, s',
  }),
  minExpiryHours: EXEC_MIN_EXPIRY_H,
  strangleDelta: EXEC_STRANGLE_DELTA,
  priceBufferPct: EXEC_PRICE_BUFFER_PCT,
};

/** Configuration of option execution (SPEC §7). `{}` parses to the defaults. */
export const OptionExecutionConfigSchema = z.strictObject(fieldsOf(OPTION_EXECUTION_ENV));
export type OptionExecutionConfig = z.output<typeof OptionExecutionConfigSchema>;

/** Option execution's section of the configuration, read from the environment. */
export const optionExecutionSection = envSection(
  'option-execution',
  OptionExecutionConfigSchema,
  OPTION_EXECUTION_ENV,
);
