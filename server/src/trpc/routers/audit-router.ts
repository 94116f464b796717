import {
  ID_MAX_LENGTH,
  IsoTimestampSchema,
  STREAM_NAMES,
  TIMESTAMP_MAX_LENGTH,
  type StreamName,
} from '@gamma/shared';
import { z } from 'zod';
import { InvalidStateError } from '../../errors/index.ts';
import { publicProcedure, router } from '../init.ts';

/** Most rows one `audit.events` call returns. */
export const AUDIT_EVENTS_MAX_LIMIT = 10_000;

/** An ISO-8601 timestamp of bounded length. */
const BoundedTimestampSchema = z.string().max(TIMESTAMP_MAX_LENGTH).pipe(IsoTimestampSchema);

/** Input of `audit.events`: every field narrows; `from` inclusive, `to` exclusive, on the message time. */
export const AuditEventsInputSchema = z
  .object({
    intent_id: z.string().min(1).max(ID_MAX_LENGTH).optional(),
    stream: z.enum(STREAM_NAMES as [StreamName, ...StreamName[]]).optional(),
    from: BoundedTimestampSchema.optional(),
    to: BoundedTimestampSchema.optional(),
    limit: z.number().int().min(1).max(AUDIT_EVENTS_MAX_LIMIT).default(1000),
  })
  .default({ limit: 1000 });

/** Replay and backtests from the audit store (SPEC §12 item 1). */
export const auditRouter = router({
  /** Rows `{stream, entry_id, ts, intent_id, client_order_id, strategy_id, symbol, message}`, oldest first */
  events: publicProcedure.input(AuditEventsInputSchema).query(({ ctx, input }) => {
    if (!ctx.audit)
      throw new InvalidStateError(
        'no audit store in this gateway (set DATABASE_URL, or run the audit-recorder in this process)',
      );
    return ctx.audit.range({
      intentId: input.intent_id,
      stream: input.stream,
      from: input.from,
      to: input.to,
      limit: input.limit,
    });
  }),
});
