import type { StreamInput } from '@gamma/shared';
import type { Emit } from './stream-ids.ts';

const CHECKS = [
  ['max_drawdown', 0.012, 0.2],
  ['position_ratio_max', 0.34, 0.8],
  ['position_ratio_min', 0.34, 0.1],
  ['single_position_share', 0.21, 0.5],
  ['gross_leverage', 0.71, 3],
  ['option_expiry', 52, 24],
] as const;

const checks = (vetoed: boolean): StreamInput<'intent.decision'>['checks'] =>
  CHECKS.map(([check, value, limit], i) => ({
    check,
    passed: !(vetoed && i === 4),
    reason_code: vetoed && i === 4 ? 'GROSS_LEVERAGE_EXCEEDED' : null,
    value,
    limit,
  }));

interface Intent {
  id: string;
  strategy: string;
  symbol: string;
  option: boolean;
  iso: string;
}

const decision = (
  intent: Intent,
  status: 'pending_approval' | 'approved' | 'vetoed' | 'expired',
  decidedBy = 'risk_service',
): StreamInput<'intent.decision'> => ({
  decision_id: `${intent.id}:${status}`,
  intent_id: intent.id,
  strategy_id: intent.strategy,
  symbol: intent.symbol,
  action: intent.option ? 'buy_straddle' : 'buy',
  direction: 'buy',
  quantity: 0.1,
  status,
  reason_codes: status === 'vetoed' ? ['GROSS_LEVERAGE_EXCEEDED'] : [],
  reason: status === 'vetoed' ? 'gross leverage 3.4 above 3' : null,
  checks: checks(status === 'vetoed'),
  decided_by: decidedBy,
  approval_mode: 'manual',
  expires_at: status === 'pending_approval' ? intent.iso : null,
  timestamp: intent.iso,
  metadata: { strategy_kind: intent.option ? 'pq_vol_trader' : 'grid' },
});

/** One order leg through the paper exchange: command, fill, position update. */
function leg(emit: Emit, intent: Intent, { n, price }: { n: number; price: number }): void {
  const symbol = intent.option
    ? `BTC-06MAR26-${Math.round(price / 1000) * 1000}-${n === 0 ? 'C' : 'P'}`
    : intent.symbol;
  const base = { strategy_id: intent.strategy, symbol, intent_id: intent.id, timestamp: intent.iso };
  const clientOrderId = `${intent.id}-${n}`;
  const optionPrice = intent.option ? price * 0.02 : price;
  emit('order.command', {
    ...base,
    side: 'buy',
    quantity: 0.1,
    price: optionPrice,
    client_order_id: clientOrderId,
    metadata: {},
  });
  emit('order.fill', {
    ...base,
    order_id: `paper-${clientOrderId}`,
    side: 'buy',
    quantity: 0.1,
    price: optionPrice,
    fee: optionPrice * 0.0003,
    client_order_id: clientOrderId,
    metadata: { liquidity: 'taker' },
  });
  emit('position.update', {
    strategy_id: intent.strategy,
    symbol,
    quantity: 0.1 * (n + 1),
    avg_price: optionPrice,
    unrealized_pnl: 0,
    timestamp: intent.iso,
    metadata: { intent_id: intent.id, client_order_id: clientOrderId },
  });
}

/** The intent itself, and a risk alert every 40 intents. */
function emitIntent(emit: Emit, intent: Intent, k: number): void {
  const option = intent.option;
  emit('strategy.intent', {
    intent_id: intent.id,
    strategy_id: intent.strategy,
    symbol: intent.symbol,
    intent_type: option ? 'increase_long_gamma' : 'grid_rebalance',
    action: option ? 'buy_straddle' : 'buy',
    direction: 'buy',
    quantity: 0.1,
    confidence: 0.7,
    reason: option ? 'market_underpricing_volatility' : 'grid_level_crossed',
    timestamp: intent.iso,
    metadata: { p_vol: 0.52, q_vol: 0.61, fomo_score: 0.3, grid_level: 3 },
  });
  if (k % 40 === 0)
    emit('risk.alert', {
      strategy_id: 'portfolio',
      alert_type: 'delta',
      severity: 'warning',
      message: 'BTC delta 0.12 above 0.1',
      current_value: 0.12,
      threshold_value: 0.1,
      timestamp: intent.iso,
    });
}

/**
 * The trading side of a simulated day: the `k`-th intent and what follows it in manual approval mode.
 * 20 % are vetoed, 10 % expire, the rest are approved by a trader and filled (half of them option
 * straddles, two legs through option execution; half spot); a risk alert every 40 intents.
 */
export function emitIntentFlow(
  emit: Emit,
  k: number,
  at: { ms: number; spot: number; riskAfterFill: () => void },
): void {
  const option = k % 2 === 1;
  const intent: Intent = {
    id: `intent-${k}`,
    strategy: option ? 'pq_vol_trader_btc' : 'grid_btc',
    symbol: 'BTC/USDT',
    option,
    iso: new Date(at.ms).toISOString(),
  };
  emitIntent(emit, intent, k);
  if (k % 10 < 2) return void emit('intent.decision', decision(intent, 'vetoed'));
  emit('intent.decision', decision(intent, 'pending_approval'));
  if (k % 10 === 2) return void emit('intent.decision', decision(intent, 'expired', 'system'));
  emit('intent.approval', {
    command_id: `cmd-${k}`,
    intent_id: intent.id,
    command: 'approve',
    requested_by: 'trader',
    reason: null,
    timestamp: intent.iso,
  });
  emit('intent.decision', decision(intent, 'approved', 'trader'));
  if (option)
    emit('execution.command', {
      intent_id: intent.id,
      strategy_id: intent.strategy,
      symbol: intent.symbol,
      action: 'buy_straddle',
      direction: 'buy',
      quantity: 0.1,
      approved_by: 'trader',
      timestamp: intent.iso,
    });
  for (let n = 0; n < (option ? 2 : 1); n += 1) {
    leg(emit, intent, { n, price: at.spot });
    at.riskAfterFill();
  }
}
