import type { RiskCheckVerdict } from '@gamma/shared';
import {
  checkDuplicateIntent,
  checkOrderRate,
  refill,
  type Bucket,
  type DuplicateMark,
} from '../../services/engine/core/capacity.ts';
import type { ReserveRequest } from './reservation-store.ts';

/** The order_rate and duplicate_intent verdicts of one request, and how to take what they measured. */
export interface CapacityCheck {
  verdicts: RiskCheckVerdict[];
  /** Called after the whole decision: a passing one sets the duplicate mark, an order going out takes tokens */
  commit(outcome: { passed: boolean; reserved: boolean }): void;
}

/**
 * The token buckets and duplicate marks of `risk-check-rate.lua` and `risk-check-duplicate.lua`, in
 * memory, so the in-memory store (unit tests, `npm run replay`) records the same figures as the script.
 */
export class MemoryCapacity {
  private readonly buckets = new Map<string, Bucket>();
  private readonly marks = new Map<string, DuplicateMark>();

  check(request: ReserveRequest, nowMs: number): CapacityCheck | null {
    const cap = request.capacity;
    if (!cap) return null;
    const intentId = request.reservation.intentId;
    const strategyKey = `s:${request.strategyId}`;
    const global = refill(this.buckets.get('global') ?? null, nowMs, cap.maxOrdersPerS);
    const strategy = refill(this.buckets.get(strategyKey) ?? null, nowMs, cap.maxOrdersPerSPerStrategy);
    const rates = { global: cap.maxOrdersPerS, strategy: cap.maxOrdersPerSPerStrategy };
    const markKey = `${request.strategyId}|${cap.symbol}|${cap.action}`;
    const windowS = cap.duplicateWindowMs / 1000;
    const verdicts = [
      checkOrderRate({ global, strategy }, rates),
      checkDuplicateIntent(this.marks.get(markKey) ?? null, { intentId, nowMs }, windowS),
    ];
    return {
      verdicts,
      commit: ({ passed, reserved }) => {
        if (passed && windowS > 0) this.marks.set(markKey, { intentId, atMs: nowMs });
        if (!reserved) return;
        this.buckets.set('global', { ...global, tokens: global.tokens - 1 });
        this.buckets.set(strategyKey, { ...strategy, tokens: strategy.tokens - 1 });
      },
    };
  }
}
