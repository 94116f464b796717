import { DeadLetterActionInputSchema, DeadLettersInputSchema } from '@gamma/shared';
import { SERVICE_NAMES } from '../../config/service-names.ts';
import { throughputMinutes } from '../../read-model/bus-throughput.ts';
import { servicesHealth } from '../../read-model/service-health.ts';
import { streamsInfo } from '../../read-model/stream-monitor.ts';
import { HEARTBEAT_INTERVAL_MS } from '../../stores/heartbeats/heartbeat-store.ts';
import { publicProcedure, router, signedInProcedure } from '../init.ts';
import { deadLetterPage, discardDeadLetter, requeueDeadLetter } from './dead-letter-procedures.ts';

/** Pipeline monitoring (SPEC §10.4) and the dead letters (admins requeue or discard them). */
export const monitoringRouter = router({
  /** Per stream: length, last entry; per group: lag, pending, consumers, delay, handled and failed per minute; dead letters */
  streams: publicProcedure.query(async ({ ctx }) => {
    const nowMs = ctx.clock.now();
    const counts = await ctx.stores.busCounts(throughputMinutes(nowMs));
    return streamsInfo(ctx.stores.streamStats, {
      nowMs,
      deadLetters: ctx.readModel.deadLetters(),
      counts,
    });
  }),
  /** Each service instance's heartbeat status (up, stale, down) and last activity */
  services: publicProcedure.query(async ({ ctx }) => ({
    interval_ms: HEARTBEAT_INTERVAL_MS,
    services: servicesHealth(await ctx.stores.heartbeats.list(), {
      nowMs: ctx.clock.now(),
      intervalMs: HEARTBEAT_INTERVAL_MS,
      known: SERVICE_NAMES,
    }),
  })),
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
