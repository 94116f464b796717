import { z } from 'zod';
import { ID_MAX_LENGTH, NAME_MAX_LENGTH, REASON_MAX_LENGTH } from './input-limits.ts';

/** Input of `approvals.approve`. */
export const ApproveIntentInputSchema = z.object({ intent_id: z.string().min(1).max(ID_MAX_LENGTH) });
/** Input of `approvals.veto`: the reason is required and non-blank. */
export const VetoIntentInputSchema = z.object({
  intent_id: z.string().min(1).max(ID_MAX_LENGTH),
  reason: z.string().trim().min(1, 'a veto needs a reason').max(REASON_MAX_LENGTH),
});
/**
 * Input of every `onXxx` subscription: `lastEventId` resumes after that entry; without it, only new entries, or
 * with `fromLatest` the newest entry already on the stream first, so the client holds an id to resume from
 * before anything new arrives (a socket lost before then would otherwise resume with a gap).
 */
export const SubscriptionInputSchema = z
  .object({ lastEventId: z.string().max(ID_MAX_LENGTH).nullish(), fromLatest: z.boolean().optional() })
  .optional();
/** Input of `intents.recent`. */
export const RecentIntentsInputSchema = z
  .object({
    limit: z.number().int().min(1).max(500).default(50),
    underlying: z.string().max(NAME_MAX_LENGTH).optional(),
  })
  .optional();
/** Input of `market.pqSpread`. */
export const PqSpreadInputSchema = z.object({ underlying: z.string().min(1).max(NAME_MAX_LENGTH) });
/** Most points `market.volHistory` returns. */
export const VOL_HISTORY_MAX_POINTS = 1000;
/** Input of `market.forecasts`. */
export const ForecastsInputSchema = z.object({ underlying: z.string().min(1).max(NAME_MAX_LENGTH) });
/** Input of `market.volHistory`: the newest `limit` points (default 500). */
export const VolHistoryInputSchema = z.object({
  underlying: z.string().min(1).max(NAME_MAX_LENGTH),
  limit: z.number().int().min(1).max(VOL_HISTORY_MAX_POINTS).default(500),
});
