import { createAuditRecorderService } from '../services/audit-recorder/index.ts';
import { createEngineService } from '../services/engine/index.ts';
import { createMarketSimulatorService } from '../services/market-simulator/index.ts';
import { createOptionExecutionService } from '../services/option-execution/index.ts';
import { createPaperExchange } from '../services/paper-exchange/index.ts';
import { createRiskService } from '../services/risk-service/index.ts';
import type { ServiceFactory } from '../services/service.ts';
import { createStrategyRunnerService } from '../services/strategy-runner/index.ts';
import { createVolForecasterService } from '../services/vol-forecaster/index.ts';
import { ConfigError } from '../errors/index.ts';

/** Every service `main.ts` can host, by the name `SERVICES` uses; the gateway is handled apart. */
export const SERVICE_FACTORIES = {
  'market-simulator': (deps) => createMarketSimulatorService(deps),
  'vol-forecaster': (deps) => createVolForecasterService(deps),
  'strategy-runner': createStrategyRunnerService,
  engine: createEngineService,
  'option-execution': createOptionExecutionService,
  'paper-exchange': createPaperExchange,
  'risk-service': createRiskService,
  'audit-recorder': createAuditRecorderService,
} satisfies Record<string, ServiceFactory>;

export type ServiceName = keyof typeof SERVICE_FACTORIES | 'gateway';
export const SERVICE_NAMES = [...Object.keys(SERVICE_FACTORIES), 'gateway'] as ServiceName[];

/** Resolves `SERVICES` (`all` or a comma list); an unknown name is an error naming it. */
export function selectServices(requested: readonly string[]): ServiceName[] {
  if (requested.length === 0 || requested.includes('all')) return SERVICE_NAMES;
  const unknown = requested.filter((name) => !(SERVICE_NAMES as string[]).includes(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `SERVICES: unknown service ${unknown.join(', ')}; known: ${SERVICE_NAMES.join(', ')}`,
    );
  }
  return requested as ServiceName[];
}
