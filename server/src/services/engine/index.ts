import type { ServiceFactory } from '../service.ts';
import { EngineService } from './engine-service.ts';

export { EngineService, ENGINE_GROUP, engineConfigFrom, type EngineOptions } from './engine-service.ts';

/** Creates the engine (SPEC §5) on `deps.stores` (approvals, reservations, once marks). */
export const createEngineService: ServiceFactory = (deps) => new EngineService(deps);
