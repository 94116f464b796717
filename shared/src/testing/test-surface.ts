import type { OptionChainData, VolatilitySurfaceEvent } from '@gamma/shared';

/**
 * A small BTC chain for tests: expiry 2026-03-06 (live from 2026-03-02), strikes 90 000…110 000 by 5 000,
 * forward 100 000; call deltas 0.85/0.7/0.52/0.3/0.15, put = call − 1; bid/ask = mid ∓ 1 %.
 */
export function createTestSurface(
  over: Partial<VolatilitySurfaceEvent> = {},
  timestamp = '2026-03-02T09:15:04.120Z',
) {
  const strikes = [90_000, 95_000, 100_000, 105_000, 110_000];
  const callDeltas = [0.85, 0.7, 0.52, 0.3, 0.15];
  const callMids = [11_000, 7_500, 4_800, 2_900, 1_600];
  const rows: OptionChainData[] = strikes.flatMap((strike, i) => {
    const callMid = callMids[i] ?? 0;
    const putMid = callMid - (100_000 - strike);
    const cd = callDeltas[i] ?? 0;
    const row = (type: 'call' | 'put', mid: number, delta: number): OptionChainData => ({
      underlying: 'BTC/USDT',
      strike,
      expiry: '2026-03-06',
      option_type: type,
      bid: mid * 0.99,
      ask: mid * 1.01,
      last: mid,
      volume: 0,
      open_interest: 0,
      implied_volatility: 0.6,
      greeks: { delta, gamma: 0, theta: 0, vega: 0, rho: 0 },
      symbol: null,
    });
    return [row('call', callMid, cd), row('put', putMid, cd - 1)];
  });
  const surface: VolatilitySurfaceEvent = {
    underlying: 'BTC/USDT',
    surface_data: rows,
    atm_iv: 0.6,
    iv_skew: {},
    term_structure: { '2026-03-06': 0.6 },
    spot_price: 100_000,
    forwards: { '2026-03-06': 100_000 },
    atm_expiry: '2026-03-06',
    rr_25d: null,
    timestamp,
    metadata: {},
    ...over,
  };
  return surface;
}
