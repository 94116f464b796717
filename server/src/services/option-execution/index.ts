import type { ServiceFactory } from '../service.ts';
import { OptionExecutionService } from './option-execution-service.ts';

export {
  OptionExecutionService,
  OPTION_EXECUTION_GROUP,
  type OptionExecutionOptions,
} from './option-execution-service.ts';
export { createMemoryExecutedIntents, createRedisExecutedIntents, type ExecutedIntents } from './once-key.ts';

/** Creates option execution (SPEC §7) with Redis-backed executed-intent marks. */
export const createOptionExecutionService: ServiceFactory = (deps) => new OptionExecutionService(deps);
