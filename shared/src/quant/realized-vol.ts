/** Options of {@link closeToCloseVol}. */
export interface CloseToCloseOptions {
  /** Periods (bars) per year used to annualise, e.g. 365 for daily crypto bars; omitted → no annualVol. */
  periodsPerYear?: number;
  /** 'log' (default): ln(p_i/p_{i−1}); 'simple': p_i/p_{i−1} − 1. */
  returns?: 'log' | 'simple';
  /** Subtract the sample mean (default true); false → root mean square around 0. */
  demean?: boolean;
  /** Delta degrees of freedom of the variance divisor n − ddof (default 1). */
  ddof?: 0 | 1;
}

/** Result of {@link closeToCloseVol}; per-period values are decimals (0.01 = 1 %). */
export interface CloseToCloseResult {
  /** Mean per-period return. */
  meanReturn: number;
  /** Standard deviation of the per-period returns. */
  sdPerPeriod: number;
  /** sdPerPeriod·√periodsPerYear (1.00 = 100 %/yr), when periodsPerYear is given. */
  annualVol?: number;
  /** Standard error of annualVol: annualVol/√(2n), n = number of returns. */
  standardError?: number;
}

function requirePrices(prices: readonly number[], min: number): void {
  if (prices.length < min) throw new RangeError(`need at least ${min} prices, got ${prices.length}`);
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i];
    if (p === undefined || !(p > 0) || p === Infinity)
      throw new RangeError(`prices[${i}] must be a finite number > 0, got ${p}`);
  }
}

function requirePeriods(n: number | undefined): void {
  if (n !== undefined && (!(n > 0) || n === Infinity))
    throw new RangeError(`periodsPerYear must be a finite number > 0, got ${n}`);
}

/**
 * Close-to-close realized volatility of a price series (oldest first), per period and annualised.
 * @throws RangeError when a price is not finite and > 0, or there are too few prices for n − ddof > 0.
 */
export function closeToCloseVol(prices: readonly number[], o: CloseToCloseOptions = {}): CloseToCloseResult {
  const ddof = o.ddof ?? 1;
  const demean = o.demean ?? true;
  const simple = o.returns === 'simple';
  requirePrices(prices, ddof + 2);
  requirePeriods(o.periodsPerYear);
  const n = prices.length - 1;
  const rets = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const a = prices[i] as number;
    const b = prices[i + 1] as number;
    const r = simple ? b / a - 1 : Math.log(b / a);
    rets[i] = r;
    sum += r;
  }
  const meanReturn = sum / n;
  const centre = demean ? meanReturn : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (rets[i] as number) - centre;
    ss += d * d;
  }
  const sdPerPeriod = Math.sqrt(ss / (n - ddof));
  if (o.periodsPerYear === undefined) return { meanReturn, sdPerPeriod };
  const annualVol = sdPerPeriod * Math.sqrt(o.periodsPerYear);
  return { meanReturn, sdPerPeriod, annualVol, standardError: annualVol / Math.sqrt(2 * n) };
}

/** Result of the range-based estimators; per-bar vol is a decimal (0.01 = 1 % per bar). */
export interface RangeVolResult {
  /** Volatility per bar. */
  perBarVol: number;
  /** perBarVol·√periodsPerYear (1.00 = 100 %/yr), when periodsPerYear is given. */
  annualVol?: number;
}

function requireBars(named: Record<string, readonly number[]>): number {
  const entries = Object.entries(named);
  const n = entries[0]?.[1].length ?? 0;
  if (n < 1) throw new RangeError('need at least one bar');
  for (const [name, arr] of entries) {
    if (arr.length !== n) throw new RangeError(`${name} has ${arr.length} bars, expected ${n}`);
    for (let i = 0; i < n; i++) {
      const v = arr[i];
      if (v === undefined || !(v > 0) || v === Infinity)
        throw new RangeError(`${name}[${i}] must be a finite number > 0, got ${v}`);
    }
  }
  return n;
}

function withAnnual(variance: number, periodsPerYear: number | undefined): RangeVolResult {
  const perBarVol = Math.sqrt(Math.max(variance, 0));
  if (periodsPerYear === undefined) return { perBarVol };
  return { perBarVol, annualVol: perBarVol * Math.sqrt(periodsPerYear) };
}

/**
 * Parkinson (1980) high–low volatility: σ² = Σ ln(H/L)² / (4·ln 2·n) per bar.
 * @throws RangeError on mismatched lengths, no bars, non-positive prices or high < low.
 */
export function parkinsonVol(
  bars: { high: readonly number[]; low: readonly number[] },
  o: { periodsPerYear?: number } = {},
): RangeVolResult {
  const n = requireBars({ high: bars.high, low: bars.low });
  requirePeriods(o.periodsPerYear);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const hl = Math.log((bars.high[i] as number) / (bars.low[i] as number));
    if (hl < 0) throw new RangeError(`high[${i}] is below low[${i}]`);
    sum += hl * hl;
  }
  return withAnnual(sum / (4 * Math.LN2 * n), o.periodsPerYear);
}

/**
 * Garman–Klass (1980) OHLC volatility: σ² = (1/n)·Σ [½·ln(H/L)² − (2·ln 2 − 1)·ln(C/O)²] per bar.
 * @throws RangeError on mismatched lengths, no bars, non-positive prices or high < low.
 */
export function garmanKlassVol(
  bars: {
    open: readonly number[];
    high: readonly number[];
    low: readonly number[];
    close: readonly number[];
  },
  o: { periodsPerYear?: number } = {},
): RangeVolResult {
  const n = requireBars(bars);
  requirePeriods(o.periodsPerYear);
  const k = 2 * Math.LN2 - 1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const hl = Math.log((bars.high[i] as number) / (bars.low[i] as number));
    if (hl < 0) throw new RangeError(`high[${i}] is below low[${i}]`);
    const co = Math.log((bars.close[i] as number) / (bars.open[i] as number));
    sum += 0.5 * hl * hl - k * co * co;
  }
  return withAnnual(sum / n, o.periodsPerYear);
}
