import { baseCoinOf } from '@gamma/shared';
import type { StrategyInstanceConfig, StrategyType } from '../config.ts';
import { DeltaHedger } from './delta-hedger.ts';
import { Grid } from './grid.ts';
import { PqVolTrader } from './pq-vol-trader.ts';
import { S1 } from './s1.ts';
import type { IdGenerator, Strategy } from './strategy.ts';

/** The instance id of a strategy type on a symbol: type + base coin, lowercase (`pq_vol_trader_btc`). */
export const instanceIdOf = (type: StrategyType, symbol: string): string =>
  `${type}_${baseCoinOf(symbol).toLowerCase()}`;

/** Builds the strategy objects of the resolved instances. */
export function createStrategies(instances: StrategyInstanceConfig[], newId: IdGenerator): Strategy[] {
  return instances.map((instance): Strategy => {
    switch (instance.type) {
      case 'pq_vol_trader':
        return new PqVolTrader(instance.id, instance.config, newId);
      case 'delta_hedger':
        return new DeltaHedger(instance.id, instance.config, newId);
      case 'grid':
        return new Grid(instance.id, instance.config);
      case 's1':
        return new S1(instance.id, instance.config, newId);
    }
  });
}
