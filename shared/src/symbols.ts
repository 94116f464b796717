const OPTION_RE = /^([A-Z0-9]+)-(\d{4})(\d{2})(\d{2})-(\d+(?:\.\d+)?)-([CP])$/;

/** A parsed option symbol (SPEC §3.1). */
export interface OptionSymbol {
  base: string;
  /** `YYYY-MM-DD` */
  expiry: string;
  strike: number;
  optionType: 'call' | 'put';
}

/** Parses `BTC-20261225-100000-C`; null when the whole symbol is not an option symbol. */
export function parseOptionSymbol(symbol: string): OptionSymbol | null {
  const m = OPTION_RE.exec(symbol);
  if (!m) return null;
  const [, base, y, mo, d, strike, cp] = m;
  if (!base || !strike) return null;
  return { base, expiry: `${y}-${mo}-${d}`, strike: Number(strike), optionType: cp === 'C' ? 'call' : 'put' };
}

/** Formats an option symbol: base coin, expiry without dashes, strike without trailing zeros, C/P. */
export function formatOptionSymbol(o: OptionSymbol): string {
  const strike = Number.isInteger(o.strike) ? String(o.strike) : String(Number(o.strike.toFixed(8)));
  return `${o.base}-${o.expiry.replaceAll('-', '')}-${strike}-${o.optionType === 'call' ? 'C' : 'P'}`;
}

/** Whether a symbol is an option symbol (whole-symbol match, never a substring test). */
export const isOptionSymbol = (symbol: string): boolean => OPTION_RE.test(symbol);

/** Whether a symbol is a linear perpetual (`BASE/QUOTE:SETTLE`). */
export const isPerpetualSymbol = (symbol: string): boolean => /^[A-Z0-9]+\/[A-Z0-9]+:[A-Z0-9]+$/.test(symbol);

/** The underlying spot symbol (surface key) of a spot, perpetual or option symbol. */
export function underlyingOf(symbol: string): string {
  const option = parseOptionSymbol(symbol);
  if (option) return `${option.base}/USDT`;
  const colon = symbol.indexOf(':');
  return colon >= 0 ? symbol.slice(0, colon) : symbol;
}

/** The base coin of any symbol (`BTC` for `BTC/USDT`, `BTC/USDT:USDT`, `BTC-20261225-100000-C`). */
export const baseCoinOf = (symbol: string): string => underlyingOf(symbol).split('/')[0] ?? symbol;

/** Expiry instant of an option expiry date: 08:00 UTC that day, in epoch ms. */
export const expiryInstantMs = (expiry: string): number => Date.parse(`${expiry}T08:00:00.000Z`);

/** Year fraction from `nowMs` to the expiry instant (365-day year, fractional). */
export const yearsToExpiry = (expiry: string, nowMs: number): number =>
  (expiryInstantMs(expiry) - nowMs) / (365 * 86_400_000);
