import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config.ts';
import { DeltaHedgerConfigSchema, GridConfigSchema, PqVolTraderConfigSchema } from './config.ts';

const resolve = (vars: Record<string, string>) => loadConfig(vars).strategyRunner;

function configOf(vars: Record<string, string>, id: string): Record<string, unknown> {
  const instance = resolve(vars).instances.find((i) => i.id === id);
  if (!instance) throw new Error(`no instance ${id}`);
  return instance.config;
}

describe('strategyRunnerSection', () => {
  describe('with the default STRATEGIES', () => {
    it('builds the six default instances', () => {
      expect(resolve({}).instances.map((i) => i.id)).toEqual([
        'pq_vol_trader_btc',
        'pq_vol_trader_eth',
        'delta_hedger_btc',
        'delta_hedger_eth',
        'grid_btc',
        's1_btc',
      ]);
    });

    it('replaces {BASE} in DELTA_HEDGE_INSTRUMENT with the base coin', () => {
      expect(configOf({}, 'delta_hedger_eth')).toMatchObject({
        underlying: 'ETH/USDT',
        hedgeInstrument: 'ETH/USDT:USDT',
      });
    });

    it('takes the SPEC defaults', () => {
      expect(configOf({}, 'pq_vol_trader_eth')).toEqual(
        PqVolTraderConfigSchema.parse({ underlying: 'ETH/USDT' }),
      );
      expect(configOf({}, 'grid_btc')).toEqual(GridConfigSchema.parse({}));
      expect(configOf({}, 'delta_hedger_btc')).toEqual(DeltaHedgerConfigSchema.parse({}));
    });
  });

  describe('with global variables', () => {
    it('applies PQ_*, DELTA_* and GRID_* to every instance of the type', () => {
      const vars = { PQ_HOLD_REGIMES: 'panic, bear', DELTA_THRESHOLD: '0.1', GRID_SIZE_PCT: '3' };
      expect(configOf(vars, 'pq_vol_trader_btc')).toMatchObject({ holdRegimes: ['panic', 'bear'] });
      expect(configOf(vars, 'delta_hedger_eth')).toMatchObject({ deltaThreshold: 0.1 });
      expect(configOf(vars, 'grid_btc')).toMatchObject({ gridSizePct: 3 });
    });

    it('rejects an invalid global value, naming the instance', () => {
      expect(() => resolve({ PQ_VOL_THRESHOLD: '-1' })).toThrow(/pq_vol_trader_btc/);
    });
  });

  describe('with per-instance overrides', () => {
    it('applies STRATEGY_PQ_VOL_TRADER_ETH_VOL_THRESHOLD to that instance only', () => {
      const vars = { STRATEGY_PQ_VOL_TRADER_ETH_VOL_THRESHOLD: '0.06' };
      expect(configOf(vars, 'pq_vol_trader_eth')).toMatchObject({ volThreshold: 0.06 });
      expect(configOf(vars, 'pq_vol_trader_btc')).toMatchObject({ volThreshold: 0.05 });
    });

    it('accepts the env-variable suffix as an alias (SIGNAL_COOLDOWN_S)', () => {
      const vars = {
        STRATEGY_PQ_VOL_TRADER_BTC_SIGNAL_COOLDOWN_S: '60',
        STRATEGY_GRID_BTC_BASE_PRICE: '95000',
      };
      expect(configOf(vars, 'pq_vol_trader_btc')).toMatchObject({ signalCooldownS: 60 });
      expect(configOf(vars, 'grid_btc')).toMatchObject({ basePrice: 95_000 });
    });

    it('parses lists and enums', () => {
      const vars = {
        STRATEGY_PQ_VOL_TRADER_BTC_HOLD_REGIMES: 'panic,chop',
        STRATEGY_PQ_VOL_TRADER_BTC_STRUCTURE: 'strangle',
      };
      expect(configOf(vars, 'pq_vol_trader_btc')).toMatchObject({
        holdRegimes: ['panic', 'chop'],
        structure: 'strangle',
      });
    });

    it('throws on an unknown key, naming the variable', () => {
      expect(() => resolve({ STRATEGY_DELTA_HEDGER_BTC_COLOUR: 'red' })).toThrow(
        /STRATEGY_DELTA_HEDGER_BTC_COLOUR: unknown setting "colour"/,
      );
    });

    it('throws on an unparsable number, naming the variable', () => {
      expect(() => resolve({ STRATEGY_GRID_BTC_GRID_SIZE: 'wide' })).toThrow(/STRATEGY_GRID_BTC_GRID_SIZE/);
    });

    it('throws on an out-of-range value, naming the variable', () => {
      expect(() => resolve({ STRATEGY_DELTA_HEDGER_ETH_HEDGE_LOT: '0' })).toThrow(
        /STRATEGY_DELTA_HEDGER_ETH_HEDGE_LOT: invalid value/,
      );
      expect(() => resolve({ STRATEGY_PQ_VOL_TRADER_BTC_STRUCTURE: 'butterfly' })).toThrow(
        /STRATEGY_PQ_VOL_TRADER_BTC_STRUCTURE/,
      );
    });

    it('stops on an override of an instance that is not configured, naming it (SPEC §11)', () => {
      expect(() => resolve({ STRATEGY_GRID_ETH_GRID_SIZE: '3' })).toThrow(
        /STRATEGY_GRID_ETH_GRID_SIZE: names no configured instance/,
      );
    });

    it('stops on an empty override value, naming it', () => {
      expect(() => resolve({ STRATEGY_GRID_BTC_GRID_SIZE: '' })).toThrow(
        /STRATEGY_GRID_BTC_GRID_SIZE: empty value/,
      );
    });
  });

  describe('with s1 added', () => {
    it('builds s1_btc from the S1_* variables and its overrides', () => {
      const vars = { STRATEGIES: 's1:BTC/USDT', S1_LOOKBACK: '20', STRATEGY_S1_BTC_MIN_NOTIONAL: '25' };
      expect(configOf(vars, 's1_btc')).toMatchObject({ symbol: 'BTC/USDT', lookback: 20, minNotional: 25 });
    });

    it('rejects a fractional lookback, naming the variable', () => {
      expect(() => resolve({ STRATEGIES: 's1:BTC/USDT', STRATEGY_S1_BTC_LOOKBACK: '2.5' })).toThrow(
        /STRATEGY_S1_BTC_LOOKBACK/,
      );
    });
  });

  describe('with a bad STRATEGIES entry', () => {
    it('throws on an unknown type', () => {
      expect(() => resolve({ STRATEGIES: 'martingale:BTC/USDT' })).toThrow(
        /unknown strategy type "martingale"/,
      );
    });

    it('throws on a missing symbol and on a duplicate instance', () => {
      expect(() => resolve({ STRATEGIES: 'grid' })).toThrow(/STRATEGIES/);
      expect(() => resolve({ STRATEGIES: 'grid:BTC/USDT,grid:BTC/USDT' })).toThrow(
        /duplicate instance grid_btc/,
      );
    });
  });
});
