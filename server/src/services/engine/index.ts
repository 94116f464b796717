import type { ServiceFactory } from '../service.ts';
import { EngineService } from './engine-service.ts';

export { EngineService, ENGINE_GROUP, engineConfigFrom, type EngineOptions } from './engine-service.ts';
export { MemoryApprovalStore, type ApprovalStoreLike } from './memory-approval-store.ts';
export {
  createMemoryReservationBook,
  createRedisReservationBook,
  type ReservationBook,
} from './reservation-book.ts';
export { createMemoryOnceStore, createRedisOnceStore, type OnceStore } from './once-store.ts';

/** Creates the engine (SPEC §5) on the Redis approval store and Redis idempotency keys. */
export const createEngineService: ServiceFactory = (deps) => new EngineService(deps);
