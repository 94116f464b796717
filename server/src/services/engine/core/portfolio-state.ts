import type { PortfolioRiskEvent, PositionUpdateEvent } from '@gamma/shared';
import { marketMark, spotOf, type MarketView } from './market-view.ts';
import { reservedBySymbol, type Reservation } from './reservations.ts';
import type { HeldPosition, RiskBook } from './types.ts';

/** The account as the engine knows it from `portfolio.risk` and `position.update`. */
export interface PortfolioState {
  /** Equity (`total_value`), USD */
  equity: number;
  /** Cash, USD */
  cash: number;
  /** Highest equity seen, USD */
  peak: number;
  /** `<strategy_id>|<symbol>` → the strategy's signed quantity */
  strategyPositions: Readonly<Record<string, number>>;
  /** Symbol → signed account quantity (`metadata.account_quantity`) when a producer sent it */
  accountPositions: Readonly<Record<string, number>>;
  /** Symbol → the last average entry price: the mark of last resort */
  avgPrices: Readonly<Record<string, number>>;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Before any `portfolio.risk`: equity = `PAPER_INITIAL_BALANCE_USDT`, all cash, no positions. */
export const initialPortfolio = (initialBalance: number): PortfolioState => ({
  equity: initialBalance,
  cash: initialBalance,
  peak: initialBalance,
  strategyPositions: {},
  accountPositions: {},
  avgPrices: {},
});

/** Takes equity, cash and peak from `portfolio.risk` metadata (`total_value`, `cash`, `peak_value`). */
export function applyPortfolioRisk(state: PortfolioState, event: PortfolioRiskEvent): PortfolioState {
  const m = event.metadata;
  const equity = finite(m.total_value) ? m.total_value : state.equity;
  const cash = finite(m.cash) ? m.cash : state.cash;
  const peak = Math.max(finite(m.peak_value) ? m.peak_value : state.peak, equity);
  return { ...state, equity, cash, peak };
}

const strategyKey = (strategyId: string, symbol: string) => `${strategyId}|${symbol}`;

/** Records a strategy's position and, when sent, the account quantity of the symbol. */
export function applyPositionUpdate(state: PortfolioState, event: PositionUpdateEvent): PortfolioState {
  const account = event.metadata.account_quantity;
  return {
    ...state,
    strategyPositions: {
      ...state.strategyPositions,
      [strategyKey(event.strategy_id, event.symbol)]: event.quantity,
    },
    accountPositions: finite(account)
      ? { ...state.accountPositions, [event.symbol]: account }
      : state.accountPositions,
    avgPrices:
      event.avg_price > 0 ? { ...state.avgPrices, [event.symbol]: event.avg_price } : state.avgPrices,
  };
}

/** The strategy's signed position in a symbol (0 if none seen). */
export const strategyPosition = (state: PortfolioState, strategyId: string, symbol: string): number =>
  state.strategyPositions[strategyKey(strategyId, symbol)] ?? 0;

/** Account quantity per symbol: `account_quantity` when sent, else the sum over strategies. */
export function accountQuantities(state: PortfolioState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, quantity] of Object.entries(state.strategyPositions)) {
    const symbol = key.slice(key.indexOf('|') + 1);
    out[symbol] = (out[symbol] ?? 0) + quantity;
  }
  return { ...out, ...state.accountPositions };
}

/** The book the checks run on: account positions plus reservations, marked from market data (else avg price). */
export function buildBook(
  state: PortfolioState,
  market: MarketView,
  reservations: readonly Reservation[],
): RiskBook {
  const quantities = accountQuantities(state);
  for (const [symbol, reserved] of Object.entries(reservedBySymbol(reservations))) {
    quantities[symbol] = (quantities[symbol] ?? 0) + reserved;
  }
  const positions: Record<string, HeldPosition> = {};
  for (const [symbol, quantity] of Object.entries(quantities)) {
    if (quantity === 0) continue;
    const mark = marketMark(symbol, market) ?? state.avgPrices[symbol] ?? null;
    positions[symbol] = { quantity, mark, spot: spotOf(symbol, market) };
  }
  return { equity: state.equity, peak: state.peak, positions };
}
