import { parseArgs } from 'node:util';

/** What one race run does (`npm run test:race -- --engines 8 --intents 10000 …`). */
export interface RaceOptions {
  /** Engine processes sharing the `engine` group */
  engines: number;
  /** Intents published at once, before the engines drain them */
  intents: number;
  /** `RISK_MAX_POSITION_QTY` of BTC: the position capacity the BTC spot buys race for */
  btcCapacity: number;
  /** `RISK_MAX_ABS_VEGA_USD` of ETH, USD per vol point: the vega capacity the ETH straddles race for */
  ethVegaUsd: number;
  /** Share of the intents that are ETH straddles (the rest: 0.01 BTC spot buys) */
  optionShare: number;
  /** Port of the run's own redis-server (never the shared 6379) */
  port: number;
  /**
   * What the intents race for: `book` (BTC position and ETH vega), `rate` (one strategy's
   * `RISK_MAX_ORDERS_PER_S_PER_STRATEGY` = `rate`) or `budget` (its `STRATEGY_RACE_0_MAX_NOTIONAL_USD` = `budgetUsd`)
   */
  scenario: 'book' | 'rate' | 'budget';
  rate: number;
  budgetUsd: number;
}

const num = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number(v));

/** The options from the command line. */
export function readRaceOptions(argv: readonly string[]): RaceOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      engines: { type: 'string' },
      intents: { type: 'string' },
      'btc-capacity': { type: 'string' },
      'eth-vega': { type: 'string' },
      'option-share': { type: 'string' },
      port: { type: 'string' },
      scenario: { type: 'string' },
      rate: { type: 'string' },
      budget: { type: 'string' },
    },
  });
  const scenario = values.scenario ?? 'book';
  if (scenario !== 'book' && scenario !== 'rate' && scenario !== 'budget')
    throw new Error(`--scenario: book, rate or budget (${scenario})`);
  const options: RaceOptions = {
    engines: num(values.engines, 8),
    intents: num(values.intents, 10_000),
    btcCapacity: num(values['btc-capacity'], 1),
    ethVegaUsd: num(values['eth-vega'], 60),
    optionShare: num(values['option-share'], 0.3),
    port: num(values.port, 6393),
    scenario,
    rate: num(values.rate, 10),
    budgetUsd: num(values.budget, 25_000),
  };
  for (const [k, v] of Object.entries(options))
    if (typeof v === 'number' && (!Number.isFinite(v) || v < 0))
      throw new Error(`--${k}: not a number ≥ 0 (${String(v)})`);
  return options;
}
