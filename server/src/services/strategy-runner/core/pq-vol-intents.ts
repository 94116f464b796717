import type { StreamInput } from '@gamma/shared';
import type { PqVolTraderConfig } from '../config.ts';
import type { PqVerdict } from './pq-vol-rules.ts';
import { pqConfidence } from './pq-vol-rules.ts';
import { isoOf } from './strategy.ts';

/** A vol reading (P or Q) with its source timestamp, also as epoch ms. */
export interface Observation {
  value: number;
  timestamp: string;
  ms: number;
}

/** The P and Q readings an evaluation used, and their spread Q − P. */
export interface PqReading {
  p: Observation;
  q: Observation;
  spread: number;
}

/** Who publishes an intent, under which id, when (epoch ms), with which settings. */
export interface IntentHead {
  intentId: string;
  strategyId: string;
  config: PqVolTraderConfig;
  nowMs: number;
}

/** The trader's state a trade intent reports in its metadata. */
export interface PqTradeState {
  position: number;
  quantity: number;
  fomoScore: number | null;
  macroRegime: string | null;
  regimeScore: number | null;
  sentimentScore: number | null;
  referencePrice: number | null;
}

type Intent = StreamInput<'strategy.intent'>;

/** The hold intent of a verdict (SPEC §4.1): quantity 0, the verdict's reason and metadata. */
export function pqHoldIntent(
  head: IntentHead,
  verdict: Extract<PqVerdict, { kind: 'hold' }>,
  pq: PqReading,
): Intent {
  const c = head.config;
  return {
    intent_id: head.intentId,
    strategy_id: head.strategyId,
    symbol: c.underlying,
    intent_type: 'hold',
    action: 'hold',
    direction: null,
    quantity: 0,
    confidence: pqConfidence(pq.spread, c),
    reason: verdict.reason,
    timestamp: isoOf(head.nowMs),
    metadata: {
      strategy_type: 'pq_vol_trader',
      p_vol: pq.p.value,
      q_vol: pq.q.value,
      pq_spread: pq.spread,
      forecast_horizon: c.forecastHorizon,
      vol_threshold: c.volThreshold,
      p_timestamp: pq.p.timestamp,
      q_timestamp: pq.q.timestamp,
      ...verdict.metadata,
    },
  };
}

/** The trade intent of a verdict (SPEC §4.1): buy or sell the configured structure. */
export function pqTradeIntent(
  head: IntentHead,
  verdict: Extract<PqVerdict, { kind: 'trade' }>,
  at: PqReading & PqTradeState,
): Intent {
  const c = head.config;
  const { side, reason } = verdict;
  return {
    intent_id: head.intentId,
    strategy_id: head.strategyId,
    symbol: c.underlying,
    intent_type: side === 'buy' ? 'increase_long_gamma' : 'increase_short_gamma',
    action: `${side}_${c.structure}`,
    direction: side,
    quantity: at.quantity,
    confidence: pqConfidence(at.spread, c),
    reason,
    timestamp: isoOf(head.nowMs),
    metadata: {
      strategy_type: 'pq_vol_trader',
      p_vol: at.p.value,
      q_vol: at.q.value,
      pq_spread: at.spread,
      fomo_score: at.fomoScore,
      macro_regime: at.macroRegime,
      regime_score: at.regimeScore,
      sentiment_score: at.sentimentScore,
      quantity: at.quantity,
      forecast_horizon: c.forecastHorizon,
      vol_threshold: c.volThreshold,
      current_position: at.position,
      reference_price: at.referencePrice,
      p_timestamp: at.p.timestamp,
      q_timestamp: at.q.timestamp,
    },
  };
}
