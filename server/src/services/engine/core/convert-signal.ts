import type { StrategySignalEvent, StreamInput } from '@gamma/shared';

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * A legacy signal as an intent (SPEC §5.2): `intent_id` `sig-<entry id>`, `intent_type` `legacy_signal`,
 * action = signal type, quantity = `metadata.quantity` if > 0 else the default, limit and reference price
 * = `target_price`. `close` gets the side opposite the strategy's position when one is known, else null
 * (the engine derives it again at intake). `hold` → null (acked and ignored).
 */
export function convertSignal(
  signal: StrategySignalEvent,
  entryId: string,
  options: { defaultQuantity: number; strategyPosition: number },
): StreamInput<'strategy.intent'> | null {
  if (signal.signal_type === 'hold') return null;
  const m = signal.metadata;
  const closeSide = options.strategyPosition > 0 ? 'sell' : options.strategyPosition < 0 ? 'buy' : null;
  return {
    intent_id: `sig-${entryId}`,
    strategy_id: signal.strategy_id,
    symbol: signal.symbol,
    intent_type: 'legacy_signal',
    action: signal.signal_type,
    direction: signal.signal_type === 'close' ? closeSide : signal.signal_type,
    quantity: positive(m.quantity) ? m.quantity : options.defaultQuantity,
    confidence: signal.confidence,
    reason: typeof m.reason === 'string' && m.reason !== '' ? m.reason : 'legacy_signal',
    timestamp: signal.timestamp,
    metadata: {
      ...m,
      source: 'strategy.signal',
      source_entry_id: entryId,
      limit_price: signal.target_price,
      reference_price: signal.target_price,
      stop_loss: signal.stop_loss,
      take_profit: signal.take_profit,
    },
  };
}
