import { parseOptionSymbol } from '@gamma/shared';

/** The option type of a symbol, null for spot and perpetuals: fills of other strikes match a leg by it. */
export const optionTypeOf = (symbol: string): 'call' | 'put' | null =>
  parseOptionSymbol(symbol)?.optionType ?? null;
