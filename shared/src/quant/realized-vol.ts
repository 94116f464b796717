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
