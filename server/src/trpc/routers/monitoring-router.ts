import { streamsInfo } from '../../read-model/stream-monitor.ts';
import { publicProcedure, router } from '../init.ts';

/** Pipeline monitoring (SPEC §10.4). */
export const monitoringRouter = router({
  /** Per stream: length, last entry; per group: lag, pending, consumers, delay; dead letters */
  streams: publicProcedure.query(({ ctx }) =>
    streamsInfo(ctx.stores.streamStats, {
      nowMs: ctx.clock.now(),
      deadLetters: ctx.readModel.deadLetters(),
    }),
  ),
});
