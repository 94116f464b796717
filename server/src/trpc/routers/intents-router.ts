import { RecentIntentsInputSchema } from '@gamma/shared';
import { z } from 'zod';
import { explainFromAudit } from '../../audit/audit-explain.ts';
import { mergeChains } from '../../audit/core/explain-chain.ts';
import { NotFoundError } from '../../errors/index.ts';
import { normalizeUnderlying } from '../../read-model/core/pq-spread.ts';
import { publicProcedure, router } from '../init.ts';

/** Input of `intents.explain`. */
const ExplainInputSchema = z.object({ intent_id: z.string().min(1) });

/** Recent intents with their status, and the explainability chain of one intent. */
export const intentsRouter = router({
  /** Newest first: `[{ intent, status, decisions, updated_at, stream_id }]` */
  recent: publicProcedure.input(RecentIntentsInputSchema).query(({ ctx, input }) => {
    const underlying = input?.underlying;
    return ctx.readModel.recentIntents({
      limit: input?.limit ?? 50,
      underlying: underlying === undefined ? undefined : (normalizeUnderlying(underlying) ?? underlying),
    });
  }),
  /** Ordered nodes `{ stream, entry_id, timestamp, message }` from the audit store completed by the read model; NOT_FOUND for an unknown intent */
  explain: publicProcedure.input(ExplainInputSchema).query(async ({ ctx, input }) => {
    const audited = ctx.audit
      ? await explainFromAudit(ctx.audit, input.intent_id).catch((error: unknown) => {
          ctx.log.warn('audit explain failed; using the read model', { error: String(error) });
          return null;
        })
      : null;
    const nodes = mergeChains(audited, ctx.readModel.explain(input.intent_id));
    if (nodes === null) throw new NotFoundError(`unknown intent ${input.intent_id}`);
    return nodes;
  }),
});
