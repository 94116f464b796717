import type { StreamName } from '@gamma/shared';
import { streamKey } from '../keys/key-table.ts';
import type { RedisClient } from './redis.ts';

/**
 * Consumer groups earlier versions read in and that no process reads any more: the services that run as
 * several processes now follow these streams without a group (every process sees every entry; README,
 * "Scaling"). Left behind, such a group's undelivered entries would read as an ever-growing lag (the
 * monitoring page, the kill switch's lag trip).
 */
export const RETIRED_GROUPS: readonly (readonly [StreamName, string])[] = [
  ...(['market.tick', 'market.vol_surface'] as const).flatMap((stream) =>
    ['paper-exchange', 'option-execution', 'risk-service'].map((group) => [stream, group] as const),
  ),
  ['order.fill', 'risk-service'],
  ['market.tick', 'vol-forecaster'],
  ...(
    [
      'market.tick',
      'market.vol_surface',
      'strategy.forecast.volatility',
      'market.macro_state',
      'market.daily_history',
      'portfolio.risk',
      'order.fill',
      'position.update',
      'intent.decision',
    ] as const
  ).map((stream) => [stream, 'strategy-runner'] as const),
];

/** Destroys the retired groups that exist under `prefix`; returns how many there were. */
export async function retireGroups(redis: RedisClient, prefix: string): Promise<number> {
  const destroyed = await Promise.all(
    RETIRED_GROUPS.map(async ([stream, group]) => {
      // XGROUP DESTROY answers 0 for a missing group and fails for a missing stream: both mean nothing to do
      const reply = await redis.xgroup('DESTROY', streamKey(prefix, stream), group).catch(() => 0);
      return Number(reply);
    }),
  );
  return destroyed.reduce((sum, n) => sum + n, 0);
}
