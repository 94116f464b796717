import {
  baseCoinOf,
  type IntentApprovalCommand,
  type RiskCheckVerdict,
  type StrategyIntentEvent,
  type TradingScope,
  type TradingState,
} from '@gamma/shared';
import { isDeltaHedgerIntent } from './protective.ts';

/**
 * On HALTED, every pending approval under a halted scope is vetoed `TRADING_HALTED` (issue 9 item 3). The
 * engine does it through the approval store's claim, like a trader's veto: the claim is atomic, so of
 * several engine processes sweeping at once exactly one claims each record (the others get the same
 * claim back as repeated and publish nothing), and the one command on `intent.approval` becomes one
 * `vetoed` decision. The command's metadata says it is the engine's veto and why.
 */

/** Who claims a halt veto (the decision's `decided_by`, as for a veto by the checks). */
export const HALT_VETO_BY = 'risk_service';

/** A scope's state as the sweep reads it from the trading-state store. */
export interface ScopeState {
  scope: TradingScope;
  key: string | null;
  state: TradingState;
  reason: string;
  changed_by: string;
  since: string;
}

/** `metadata` of a halt veto command, copied onto the decision. */
export interface HaltVetoMetadata {
  reason_code: 'TRADING_HALTED';
  trading_state: {
    scope: TradingScope;
    key: string | null;
    changed_by: string;
    reason: string;
    since: string;
  };
}

/**
 * The halted scope an intent falls under (global first, then its strategy, then its underlying), or null.
 * The underlying is the base coin of the intent's symbol (`BTC` for `BTC/USDT`, its perpetual and options).
 */
export function haltedScopeOf(
  states: readonly ScopeState[],
  intent: Pick<StrategyIntentEvent, 'strategy_id' | 'symbol'>,
): ScopeState | null {
  const wanted: [TradingScope, string | null][] = [
    ['global', null],
    ['strategy', intent.strategy_id],
    ['underlying', baseCoinOf(intent.symbol).toUpperCase()],
  ];
  for (const [scope, key] of wanted) {
    const found = states.find((s) => s.scope === scope && s.key === key && s.state === 'HALTED');
    if (found) return found;
  }
  return null;
}

/**
 * A DeltaHedger intent may be a protective hedge, which HALTED admits (issue 9 item 4): it is not vetoed
 * by the sweep but left to the full re-check when it is approved.
 */
export const leftToRecheck = (intent: Pick<StrategyIntentEvent, 'action' | 'metadata'>): boolean =>
  isDeltaHedgerIntent(intent);

/** The reason and metadata of the veto claimed for a pending intent under `halted`. */
export function haltVeto(halted: ScopeState): { reason: string; metadata: HaltVetoMetadata } {
  const where = halted.scope === 'global' ? 'global' : `${halted.scope} ${halted.key ?? ''}`;
  return {
    reason: `trading halted (${where}, by ${halted.changed_by}: ${halted.reason})`,
    metadata: {
      reason_code: 'TRADING_HALTED',
      trading_state: {
        scope: halted.scope,
        key: halted.key,
        changed_by: halted.changed_by,
        reason: halted.reason,
        since: halted.since,
      },
    },
  };
}

/** The `trading_state` verdict a halt veto records. */
export const HALTED_VERDICT: RiskCheckVerdict = {
  check: 'trading_state',
  value: null,
  limit: null,
  passed: false,
  reason_code: 'TRADING_HALTED',
};

/** The halt veto a command carries, or null for a trader's command. */
export function haltVetoOf(command: IntentApprovalCommand): HaltVetoMetadata | null {
  const m = command.metadata;
  if (command.command !== 'veto' || m.reason_code !== 'TRADING_HALTED') return null;
  const state = m.trading_state;
  return {
    reason_code: 'TRADING_HALTED',
    trading_state: (typeof state === 'object' && state !== null
      ? state
      : {}) as HaltVetoMetadata['trading_state'],
  };
}
