import { isOptionSymbol, isPerpetualSymbol } from '@gamma/shared';
import { portfolioGreeks, type PortfolioMarket } from '@gamma/shared/quant';
import type { EquityCurve } from './equity-curve.ts';
import { markOf, portfolioMarketOf, spotOf, type MarkSource } from './marks.ts';
import type { BookPosition, PositionsBook } from './positions-book.ts';

/** Greeks of a position in display units (SPEC §9); null when it cannot be priced. */
export interface PositionGreeks {
  /** Coins */
  delta: number;
  /** Delta change per 1 USD */
  gamma: number;
  /** USD per vol point */
  vega: number;
  /** USD per calendar day */
  theta: number;
}

/** One row of `positions.book`: a strategy's position in one symbol (flat rows keep their realized PnL). */
export interface PositionRow {
  strategy_id: string;
  symbol: string;
  underlying: string;
  kind: 'option' | 'perpetual' | 'spot';
  /** Signed: + long, − short */
  quantity: number;
  /** Average entry price, USD; 0 when flat */
  avg_price: number;
  /** USD per unit; null when no market data or fill price is known */
  mark: number | null;
  mark_source: MarkSource | null;
  /** (mark − avg_price) × quantity, USD; null without a mark */
  unrealized_pnl: number | null;
  /** Average-cost realized PnL minus every fee paid on the symbol, USD */
  realized_pnl: number;
  /** Fees paid, USDT */
  fees: number;
  fills: number;
  /** Null when the position cannot be priced (an option without a surface) */
  greeks: PositionGreeks | null;
  /** delta × spot, USD; null without a spot or Greeks */
  delta_usd: number | null;
}

/** Sums of a group of rows (a strategy, an underlying, the book). */
export interface PositionTotals {
  /** Strategy id, underlying, or `''` for the whole book */
  key: string;
  /** Rows with a non-zero quantity */
  open: number;
  unrealized_pnl: number;
  realized_pnl: number;
  fees: number;
  /** realized_pnl + unrealized_pnl */
  total_pnl: number;
  /** Coins; only in per-underlying totals (coins of different underlyings do not add) */
  delta: number | null;
  /** Per 1 USD; only in per-underlying totals */
  gamma: number | null;
  vega: number;
  theta: number;
  delta_usd: number;
}

/** `positions.book`: the rows and their totals. */
export interface PositionsBookView {
  as_of: string;
  rows: PositionRow[];
  by_strategy: PositionTotals[];
  by_underlying: PositionTotals[];
  total: PositionTotals;
  /** Open option symbols without Greeks (no surface yet), left out of the Greek sums */
  unpriced: string[];
}

const kindOf = (symbol: string): PositionRow['kind'] =>
  isOptionSymbol(symbol) ? 'option' : isPerpetualSymbol(symbol) ? 'perpetual' : 'spot';

function greeksOf(p: BookPosition, market: PortfolioMarket): PositionGreeks | null {
  if (p.quantity === 0) return { delta: 0, gamma: 0, vega: 0, theta: 0 };
  const g = portfolioGreeks([{ symbol: p.symbol, quantity: p.quantity }], market);
  const u = g.byUnderlying[p.underlying];
  if (g.unpriced.length > 0 || !u) return null;
  return { delta: u.delta, gamma: u.gamma, vega: u.vega, theta: u.theta };
}

function rowOf(book: PositionsBook, p: BookPosition, market: PortfolioMarket): PositionRow {
  const mark = p.quantity === 0 ? null : markOf(book, p.symbol, market.nowMs);
  const greeks = greeksOf(p, market);
  const spot = spotOf(book, p.underlying);
  return {
    strategy_id: p.strategyId,
    symbol: p.symbol,
    underlying: p.underlying,
    kind: kindOf(p.symbol),
    quantity: p.quantity,
    avg_price: p.avgPrice,
    mark: mark?.price ?? null,
    mark_source: mark?.source ?? null,
    unrealized_pnl: p.quantity === 0 ? 0 : mark ? (mark.price - p.avgPrice) * p.quantity : null,
    realized_pnl: p.realizedPnl - p.fees,
    fees: p.fees,
    fills: p.fills,
    greeks,
    delta_usd: greeks && spot !== null ? greeks.delta * spot : null,
  };
}

/** Sums rows; `withDelta` adds coin delta and gamma (one underlying only). */
export function totalsOf(key: string, rows: readonly PositionRow[], withDelta: boolean): PositionTotals {
  const sum = (f: (r: PositionRow) => number | null | undefined): number =>
    rows.reduce((acc, r) => acc + (f(r) ?? 0), 0);
  const unrealized = sum((r) => r.unrealized_pnl);
  const realized = sum((r) => r.realized_pnl);
  return {
    key,
    open: rows.filter((r) => r.quantity !== 0).length,
    unrealized_pnl: unrealized,
    realized_pnl: realized,
    fees: sum((r) => r.fees),
    total_pnl: realized + unrealized,
    delta: withDelta ? sum((r) => r.greeks?.delta) : null,
    gamma: withDelta ? sum((r) => r.greeks?.gamma) : null,
    vega: sum((r) => r.greeks?.vega),
    theta: sum((r) => r.greeks?.theta),
    delta_usd: sum((r) => r.delta_usd),
  };
}

function groupTotals(rows: readonly PositionRow[], by: 'strategy_id' | 'underlying'): PositionTotals[] {
  const groups = new Map<string, PositionRow[]>();
  for (const r of rows) groups.set(r[by], [...(groups.get(r[by]) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => totalsOf(key, group, by === 'underlying'));
}

const compareRows = (a: PositionRow, b: PositionRow): number =>
  Number(a.quantity === 0) - Number(b.quantity === 0) ||
  a.underlying.localeCompare(b.underlying) ||
  a.strategy_id.localeCompare(b.strategy_id) ||
  a.symbol.localeCompare(b.symbol);

/** The book at `nowMs`: open rows first (by underlying, strategy, symbol), then flat ones; totals. */
export function positionsBookView(book: PositionsBook, nowMs: number): PositionsBookView {
  const market = portfolioMarketOf(book, nowMs);
  const rows = [...book.positions.values()].map((p) => rowOf(book, p, market)).sort(compareRows);
  return {
    as_of: new Date(nowMs).toISOString(),
    rows,
    by_strategy: groupTotals(rows, 'strategy_id'),
    by_underlying: groupTotals(rows, 'underlying'),
    total: totalsOf('', rows, false),
    unpriced: rows.filter((r) => r.quantity !== 0 && r.greeks === null).map((r) => r.symbol),
  };
}

/** One point of `positions.equity`. */
export interface EquityPointView {
  at: string;
  equity: number;
  realized_pnl: number;
  unrealized_pnl: number;
  fees: number;
  drawdown: number;
}

/** `positions.equity`: the curve since the first fill, oldest first. */
export interface EquityView {
  points: EquityPointView[];
  peak: number;
  max_drawdown: number;
  /** Current least step between two mark-update samples, seconds */
  sample_s: number;
}

/** The equity curve as the API returns it. */
export function equityView(curve: EquityCurve): EquityView {
  return {
    points: curve.points.map((p) => ({
      at: new Date(p.atMs).toISOString(),
      equity: p.equity,
      realized_pnl: p.realized,
      unrealized_pnl: p.unrealized,
      fees: p.fees,
      drawdown: p.drawdown,
    })),
    peak: curve.peak,
    max_drawdown: curve.maxDrawdown,
    sample_s: curve.sampleMs / 1000,
  };
}
