import { z } from 'zod';
import { envSection } from '../../config/read-section.ts';
import { LIST, NUMBER } from '../../config/readers.ts';
import { fieldsOf, setting } from '../../config/setting.ts';
import { RISK_DAILY_LOSS_PCT } from '../../config/shared-settings.ts';

/** Which environment variable feeds which field (issue 9: the kill switch's automatic trips). */
export const KILL_SWITCH_ENV = {
  drawdownPct: setting({
    variable: 'RISK_KILL_DRAWDOWN_PCT',
    reader: NUMBER,
    schema: z.number().finite().positive().max(1).default(0.15),
    meaning: 'kill switch: drawdown from the peak equity at which trading turns REDUCING (global), decimal',
  }),
  dailyLossPct: RISK_DAILY_LOSS_PCT,
  deadLettersPerMin: setting({
    variable: 'RISK_KILL_DLQ_PER_MIN',
    reader: NUMBER,
    schema: z.number().int().nonnegative().default(20),
    meaning:
      'kill switch: dead letters within the last minute at which trading turns REDUCING (global); 0 = off',
  }),
  lagS: setting({
    variable: 'RISK_KILL_LAG_S',
    reader: NUMBER,
    schema: z.number().finite().nonnegative().default(30),
    meaning:
      'kill switch: a consumer group whose oldest unacked entry is older than this turns trading REDUCING (global), s; 0 = off',
  }),
  lagIgnoredGroups: setting({
    variable: 'RISK_KILL_LAG_IGNORED_GROUPS',
    reader: LIST,
    schema: z.array(z.string().min(1)).default(['audit-recorder']),
    whenEmpty: 'every group counts',
    meaning:
      'kill switch: consumer groups whose lag never trips it (outside the trading path: the audit recorder catching up after a restart must not stop trading), comma-separated',
  }),
  checkIntervalS: setting({
    variable: 'RISK_KILL_CHECK_INTERVAL_S',
    reader: NUMBER,
    schema: z.number().finite().positive().default(5),
    meaning: 'kill switch: how often the measures are checked, s',
  }),
};

/** Configuration of the kill switch. `{}` parses to the defaults. */
export const KillSwitchConfigSchema = z.strictObject({
  ...fieldsOf(KILL_SWITCH_ENV),
  /** Run the check timer; false = the owner calls `check()` (tests) */
  timers: z.boolean().default(true),
});
export type KillSwitchConfig = z.output<typeof KillSwitchConfigSchema>;
export type KillSwitchConfigInput = z.input<typeof KillSwitchConfigSchema>;

/** The kill switch's section of the configuration, read from the environment. */
export const killSwitchSection = envSection('kill-switch', KillSwitchConfigSchema, KILL_SWITCH_ENV);
