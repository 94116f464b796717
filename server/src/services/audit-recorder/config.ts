import { z } from 'zod';
import { envSection } from '../../config/read-section.ts';
import { NUMBER } from '../../config/readers.ts';
import { fieldsOf, setting } from '../../config/setting.ts';

/** Which environment variable feeds which field (retention of the audit store). */
export const AUDIT_RECORDER_ENV = {
  marketRawHours: setting({
    variable: 'AUDIT_MARKET_RAW_H',
    reader: NUMBER,
    schema: z.number().finite().positive().default(24),
    meaning:
      'audit store: raw ticks, surfaces and portfolio risk are kept whole this many hours, then compacted to the last entry per 1-minute (ticks, risk) or 5-minute (surfaces) bucket and symbol',
  }),
  compactIntervalS: setting({
    variable: 'AUDIT_COMPACT_INTERVAL_S',
    reader: NUMBER,
    schema: z.number().finite().nonnegative().default(300),
    meaning: 'audit recorder: a compaction pass every this many seconds (0 = never compact)',
  }),
  compactBatchRows: setting({
    variable: 'AUDIT_COMPACT_BATCH_ROWS',
    reader: NUMBER,
    schema: z.number().int().positive().default(5000),
    meaning: 'audit compaction: rows read per batch (one statement; recording goes on between batches)',
  }),
};

/** Configuration of the audit recorder (SPEC §12). `{}` parses to the defaults. */
export const AuditRecorderConfigSchema = z.strictObject(fieldsOf(AUDIT_RECORDER_ENV));
export type AuditRecorderConfig = z.output<typeof AuditRecorderConfigSchema>;

/** The recorder's section of the configuration, read from the environment. */
export const auditRecorderSection = envSection(
  'audit-recorder',
  AuditRecorderConfigSchema,
  AUDIT_RECORDER_ENV,
);
