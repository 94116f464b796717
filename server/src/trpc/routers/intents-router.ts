import { ExplainInputSchema, ExplainOutputSchema, RecentIntentsInputSchema } from '@gamma/shared';
import { trailFromAudit } from '../../audit/audit-explain.ts';
import { mergeTrails } from '../../audit/core/explain-chain.ts';
import { NotFoundError } from '../../errors/index.ts';
import { intentHops } from '../../read-model/core/intent-hops.ts';
import { normalizeUnderlying } from '../../read-model/core/pq-spread.ts';
import { publicProcedure, router } from '../init.ts';

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
  /**
   * `{ nodes, hops }`: the ordered nodes `{ stream, entry_id, timestamp, message }` from the audit store completed
   * by the read model, and the hops `{ from, to, ms }` between them (approval commands included); NOT_FOUND for
   * an unknown intent
   */
  explain: publicProcedure
    .input(ExplainInputSchema)
    .output(ExplainOutputSchema)
    .query(async ({ ctx, input }) => {
      const audited = ctx.audit
        ? await trailFromAudit(ctx.audit, input.intent_id).catch((error: unknown) => {
            ctx.log.warn('audit explain failed; using the read model', { error: String(error) });
            return null;
          })
        : null;
      const trail = mergeTrails(audited, ctx.readModel.explain(input.intent_id));
      if (trail === null) throw new NotFoundError(`unknown intent ${input.intent_id}`);
      return { nodes: trail.nodes, hops: intentHops([...trail.nodes, ...trail.approvals]) };
    }),
});
