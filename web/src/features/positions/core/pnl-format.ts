import { UNKNOWN } from '@/lib/format';

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** USD with thousands separators and two decimals, signed for PnL (`+1,234.50`, `-3.20`), or `—`. */
export function usd(v: number | null | undefined, options: { sign?: boolean } = {}): string {
  if (!isNum(v)) return UNKNOWN;
  const text = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (Number(Math.abs(v).toFixed(2)) === 0) return '0.00';
  if (v < 0) return `-${text}`;
  return options.sign ? `+${text}` : text;
}

/** A price: two decimals with separators, more for prices under 1 (`0.0412`). */
export function price(v: number | null | undefined): string {
  if (!isNum(v)) return UNKNOWN;
  const dp = Math.abs(v) !== 0 && Math.abs(v) < 1 ? 4 : 2;
  return v.toLocaleString('en-US', { minimumFractionDigits: dp, maximumFractionDigits: dp });
}

/** The class of a PnL figure: `pos`, `neg`, or `` for zero or unknown. */
export function pnlClass(v: number | null | undefined): string {
  if (!isNum(v) || Number(v.toFixed(2)) === 0) return '';
  return v > 0 ? 'pos' : 'neg';
}

/** A signed quantity up to 8 decimals without trailing zeros (`+0.1`, `-2.5`, `0`). */
export function quantity(v: number): string {
  const text = String(Number(v.toFixed(8)));
  return v > 0 ? `+${text}` : text;
}

/** The equity curve as chart points (epoch ms on the x axis). */
export function equitySeries(
  points: readonly { at: string; equity: number; drawdown: number }[],
): { t: number; equity: number; drawdown: number }[] {
  return points.map((p) => ({ t: Date.parse(p.at), equity: p.equity, drawdown: p.drawdown }));
}

/** What the mark is, for its tooltip. */
export const MARK_SOURCE_TEXT: Record<string, string> = {
  mid: 'surface mid',
  model: 'Black-76 at the surface IV',
  tick: 'tick mid',
  surface_spot: 'surface spot',
  fill: 'last fill (no newer market data)',
};
