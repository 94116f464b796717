import { z } from 'zod';
import { baseFields } from './common.ts';

/** Why an entry was dead-lettered. */
export const DEAD_LETTER_REASONS = [
  'INVALID_JSON',
  'MISSING_DATA_FIELD',
  'SCHEMA_MISMATCH',
  'HANDLER_FAILED',
] as const;

/** An entry a consumer could not handle. Published on `dlq`. */
export const DeadLetterEventSchema = z
  .object({
    /** Stream name without prefix */
    source_stream: z.string(),
    /** The entry's id */
    source_entry_id: z.string(),
    /** The consumer group that gave up */
    group: z.string(),
    /** Reason code */
    reason: z.enum(DEAD_LETTER_REASONS),
    /** First validation issue or the handler's error message */
    error: z.string(),
    /** The entry's `data` verbatim (`""` if missing) */
    raw: z.string(),
    ...baseFields,
  })
  .readonly();
export type DeadLetterEvent = z.infer<typeof DeadLetterEventSchema>;
