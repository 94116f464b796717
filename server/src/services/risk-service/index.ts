import type { ServiceFactory } from '../service.ts';
import { RiskService } from './risk-service.ts';

export { RiskService, RISK_SERVICE_GROUP, type RiskServiceOptions } from './risk-service.ts';

/** Creates the risk service (SPEC §6.2–6.4), peak equity persisted in `deps.stores.peaks`. */
export const createRiskService: ServiceFactory = (deps) => new RiskService(deps);
