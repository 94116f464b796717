import {
  entryIdAfter,
  LOSS_EPSILON_USD,
  type LossStreakRecord,
  type LossStreakStore,
} from './loss-streak-store.ts';

/** Loss streaks in memory (one process; unit tests), with the rules of `loss-streak-record.lua`. */
export function createMemoryLossStreakStore(): LossStreakStore {
  let watermark: string | null = null;
  const lastClose = new Map<string, number>();
  const records = new Map<string, LossStreakRecord>();
  const recordOf = (strategyId: string): LossStreakRecord =>
    records.get(strategyId) ?? { losses: 0, cooldownUntilMs: null };
  return {
    record(trade, rule) {
      if (watermark !== null && !entryIdAfter(trade.entryId, watermark))
        return Promise.resolve({ ...recordOf(trade.strategyId) });
      watermark = trade.entryId;
      const position = `${trade.strategyId}|${trade.symbol}`;
      const pnl = trade.realizedPnl - (lastClose.get(position) ?? 0);
      lastClose.set(position, trade.realizedPnl);
      const before = recordOf(trade.strategyId);
      let losses = pnl < -LOSS_EPSILON_USD ? before.losses + 1 : 0;
      let cooldownUntilMs = before.cooldownUntilMs;
      if (losses >= rule.streak) {
        cooldownUntilMs = trade.atMs + rule.cooldownMs;
        losses = 0;
      }
      records.set(trade.strategyId, { losses, cooldownUntilMs });
      return Promise.resolve({ losses, cooldownUntilMs });
    },
    loadAll() {
      return Promise.resolve(Object.fromEntries([...records].map(([id, r]) => [id, { ...r }])));
    },
  };
}
