import { createAuditRecorderService } from '../services/audit-recorder/index.ts';
import { createEngineService } from '../services/engine/index.ts';
import { createKillSwitchService } from '../services/kill-switch/index.ts';
import { createLeasedMarketSimulatorService } from '../services/market-simulator/index.ts';
import { createOptionExecutionService } from '../services/option-execution/index.ts';
import { createPaperExchange } from '../services/paper-exchange/index.ts';
import { createRiskService } from '../services/risk-service/index.ts';
import { SERVICE_NAMES, type ServiceName } from '../config/service-names.ts';
import type { ServiceFactory } from '../services/service.ts';
import { createStrategyRunnerService } from '../services/strategy-runner/index.ts';
import { createVolForecasterService } from '../services/vol-forecaster/index.ts';

/** Every service `main.ts` can host, by the name `SERVICES` uses; the gateway is handled apart. */
export const SERVICE_FACTORIES = {
  'market-simulator': createLeasedMarketSimulatorService,
  'vol-forecaster': (deps) => createVolForecasterService(deps),
  'strategy-runner': createStrategyRunnerService,
  engine: createEngineService,
  'option-execution': createOptionExecutionService,
  'paper-exchange': createPaperExchange,
  'risk-service': createRiskService,
  'kill-switch': createKillSwitchService,
  'audit-recorder': createAuditRecorderService,
} satisfies Record<Exclude<ServiceName, 'gateway'>, ServiceFactory>;

/** Resolves `SERVICES` (`all` or a list of names, validated with the configuration). */
export function selectServices(requested: readonly (ServiceName | 'all')[]): ServiceName[] {
  if (requested.length === 0 || requested.includes('all')) return [...SERVICE_NAMES];
  return requested.filter((name): name is ServiceName => name !== 'all');
}
