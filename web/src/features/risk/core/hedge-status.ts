import { hedgeStatus } from '@gamma/shared';

/** What the Greeks card says about the hedge, e.g. `long_delta: sell 0.0800 of BTC/USDT:USDT`. */
export function hedgeText(delta: number, threshold: number, hedgeInstrument: string): string {
  const status = hedgeStatus(delta, threshold);
  if (status === 'well_hedged' || status === 'acceptable') return status;
  const side = status === 'long_delta' ? 'sell' : 'buy';
  return `${status}: ${side} ${Math.abs(delta).toFixed(4)} of ${hedgeInstrument}`;
}
