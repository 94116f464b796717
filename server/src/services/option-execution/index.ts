import type { ServiceFactory } from '../service.ts';
import { OptionExecutionService } from './option-execution-service.ts';

export { OptionExecutionService, OPTION_EXECUTION_GROUP } from './option-execution-service.ts';

/** Creates option execution (SPEC §7); executed intents are `exec` once marks of `deps.stores`. */
export const createOptionExecutionService: ServiceFactory = (deps) => new OptionExecutionService(deps);
