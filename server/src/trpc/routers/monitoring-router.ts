import { DeadLetterActionInputSchema, DeadLettersInputSchema } from '@gamma/shared';
import { streamsInfo } from '../../read-model/stream-monitor.ts';
import { publicProcedure, router, signedInProcedure } from '../init.ts';
import { deadLetterPage, discardDeadLetter, requeueDeadLetter } from './dead-letter-procedures.ts';

/** Pipeline monitoring (SPEC §10.4) and the dead letters (admins requeue or discard them). */
export const monitoringRouter = router({
  /** Per stream: length, last entry; per group: lag, pending, consumers, delay; dead letters */
  streams: publicProcedure.query(({ ctx }) =>
    streamsInfo(ctx.stores.streamStats, {
      nowMs: ctx.clock.now(),
      deadLetters: ctx.readModel.deadLetters(),
    }),
  ),
  /** The newest dead letters (default 100, at most 500 a page), with how each was handled */
  deadLetters: signedInProcedure
    .input(DeadLettersInputSchema)
    .query(({ ctx, input }) => deadLetterPage(ctx, { limit: input?.limit ?? 100, before: input?.before })),
  /** Publishes a dead letter's payload to its source stream once; BAD_REQUEST when still invalid, CONFLICT when handled */
  requeueDeadLetter: signedInProcedure
    .input(DeadLetterActionInputSchema)
    .mutation(({ ctx, input }) => requeueDeadLetter(ctx, input.id)),
  /** Marks a dead letter handled without publishing it; CONFLICT when handled */
  discardDeadLetter: signedInProcedure
    .input(DeadLetterActionInputSchema)
    .mutation(({ ctx, input }) => discardDeadLetter(ctx, input.id)),
});
