import type { RedisClient } from '../../bus/redis.ts';
import { keyTable, SCRIPT_KEYS, type KeyTable } from '../../keys/key-table.ts';
import { scriptsOf, type Scripts } from '../scripts/scripts.ts';
import type { LossStreakRecord, LossStreakStore } from './loss-streak-store.ts';
import { InfrastructureError } from '../../errors/index.ts';

const recordOf = (losses: string | undefined, cooldown: string | undefined): LossStreakRecord => {
  const until = cooldown === undefined || cooldown === '' ? NaN : Number(cooldown);
  return { losses: Number(losses ?? 0) || 0, cooldownUntilMs: Number.isFinite(until) ? until : null };
};

/**
 * Loss streaks in one Redis hash (`<prefix>:risk:loss_streaks`), applied by `loss-streak-record.lua`: the
 * hash's watermark makes each `position.update` entry count once whichever engine process applies it.
 */
export function createRedisLossStreakStore(redis: RedisClient, prefix: string): LossStreakStore {
  const keys: KeyTable = keyTable(prefix);
  const scripts: Scripts = scriptsOf(redis);
  return {
    async record(trade, rule) {
      if (!Number.isFinite(trade.realizedPnl) || !Number.isFinite(trade.atMs))
        throw new InfrastructureError(`loss streak: non-finite figures of entry ${trade.entryId}`);
      const reply = await scripts.lossStreakRecord(SCRIPT_KEYS.lossStreakRecord(keys), [
        trade.entryId,
        trade.strategyId,
        trade.symbol,
        trade.realizedPnl,
        trade.atMs,
        rule.streak,
        rule.cooldownMs,
      ]);
      if (!Array.isArray(reply) || reply.length !== 3)
        throw new InfrastructureError(`loss streak record: unexpected reply ${String(reply)}`);
      const [, losses, cooldown] = reply as string[];
      return recordOf(losses, cooldown);
    },
    async loadAll() {
      const hash = await redis.hgetall(keys.lossStreaks());
      const out: Record<string, LossStreakRecord> = {};
      for (const field of Object.keys(hash)) {
        if (!field.startsWith('n:') && !field.startsWith('c:')) continue;
        const id = field.slice(2);
        out[id] ??= recordOf(hash[`n:${id}`], hash[`c:${id}`]);
      }
      return out;
    },
  };
}
