import { baseCoinOf, parseOptionSymbol } from '@gamma/shared';

/** The option type of a symbol, null for spot and perpetuals: fills of other strikes match a leg by it. */
export const optionTypeOf = (symbol: string): 'call' | 'put' | null =>
  parseOptionSymbol(symbol)?.optionType ?? null;

/** The base coin of a symbol, upper case (`BTC`): an instrument's underlying in the risk book. */
export const coinOf = (symbol: string): string => baseCoinOf(symbol).toUpperCase();
