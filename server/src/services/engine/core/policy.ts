import {
  approvalLevel,
  baseCoinOf,
  type ApprovalLevel,
  type ApprovalLevelRule,
  type MacroReading,
} from '@gamma/shared';
import { above } from './tolerance.ts';

/** `APPROVAL_MODE`. */
export type ApprovalModeSetting = 'manual' | 'auto' | 'policy';

/** The approval settings (`APPROVAL_MODE`, `AUTO_APPROVE_ACTIONS`, `POLICY_*`, `HEDGE_AUTO_MAX_QTY`). */
export interface ApprovalPolicyConfig {
  mode: ApprovalModeSetting;
  autoApproveActions: readonly string[];
  /** `POLICY_EXTREME_FOMO`, `POLICY_ELEVATED_FOMO` */
  extremeFomo: number;
  elevatedFomo: number;
  /** Three `MACRO_BROADCAST_INTERVAL_S` periods, ms */
  staleAfterMs: number;
  /** `POLICY_AUTO_MAX_NOTIONAL_USD` */
  autoMaxNotionalUsd: number;
  /** `HEDGE_AUTO_MAX_QTY`: base coin → largest protective hedge approved automatically */
  hedgeAutoMaxQty: Readonly<Record<string, number>>;
}

/**
 * Why an intent is approved automatically or left to a trader: `hedge_lane` (a protective hedge within
 * `HEDGE_AUTO_MAX_QTY`), `auto_mode`, `auto_action` (listed in `AUTO_APPROVE_ACTIONS`), `manual_mode`;
 * under `policy`: `reduces_exposure`, `within_auto_notional` / `over_auto_notional` (normal level), or
 * `increases_exposure` (elevated and extreme levels), `four_eyes` (an intent that needs two traders is never
 * approved by the policy); `trader_command` on a trader's approval or its recheck.
 */
export type ApprovalRule =
  | 'hedge_lane'
  | 'auto_mode'
  | 'auto_action'
  | 'manual_mode'
  | 'reduces_exposure'
  | 'within_auto_notional'
  | 'over_auto_notional'
  | 'increases_exposure'
  | 'four_eyes'
  | 'trader_command';

/**
 * `metadata.approval_policy` of a decision: the mode, the level in force (null unless the mode is
 * `policy`: no level is in force under manual or auto), the macro figures it was read from (null when
 * the engine has no macro state) and the rule that decided.
 */
export interface ApprovalPolicyRecord {
  mode: ApprovalModeSetting;
  level: ApprovalLevel | null;
  regime: string | null;
  fomo: number | null;
  rule: ApprovalRule;
  /** Why the level is what it is (`approvalLevel`'s rule); null when no level is in force */
  level_rule: ApprovalLevelRule | null;
}

/** What the policy reads of an intent after its checks. */
export interface ApprovalInput {
  action: string;
  /** The order's instrument (its base coin picks `HEDGE_AUTO_MAX_QTY`) */
  symbol: string;
  quantity: number | null;
  /** A protective hedge (see `classifyHedge`) */
  protective: boolean;
  /** Every leg shrinks its instrument's position (see `reducesExposure`), or the order is protective */
  reducing: boolean;
  /** Σ quantity × spot of the priced legs, USD; null when unpriced */
  notionalUsd: number | null;
  /** The intent needs two distinct traders (`FOUR_EYES_*`) */
  fourEyes: boolean;
  /** The latest market-wide macro state, null when none was seen */
  macro: MacroReading | null;
  nowMs: number;
}

/** How an intent that passed its checks is approved, and why. */
export interface ApprovalChoice {
  /** `auto`: approved now by `auto`; `manual`: pending a trader */
  mode: 'manual' | 'auto';
  record: ApprovalPolicyRecord;
}

/** The level `APPROVAL_MODE=policy` is at, from the latest macro state. */
export const policyLevel = (
  config: ApprovalPolicyConfig,
  macro: MacroReading | null,
  nowMs: number,
): ReturnType<typeof approvalLevel> => approvalLevel(macro, config, nowMs);

/** The record of a decision `rule` made, with the level in force (null unless the mode is `policy`). */
export function policyRecord(
  config: ApprovalPolicyConfig,
  { macro, nowMs }: { macro: MacroReading | null; nowMs: number },
  rule: ApprovalRule,
): ApprovalPolicyRecord {
  const reading = config.mode === 'policy' ? policyLevel(config, macro, nowMs) : null;
  return {
    mode: config.mode,
    level: reading?.level ?? null,
    regime: macro?.regime ?? null,
    fomo: macro?.fomo ?? null,
    rule,
    level_rule: reading?.rule ?? null,
  };
}

/**
 * The approval of an intent (SPEC §5.3, issue 9 items 4–5). First the hedge lane: a protective hedge up to
 * `HEDGE_AUTO_MAX_QTY` of its coin is approved automatically in every mode. Then the mode: `auto` approves,
 * an action in `AUTO_APPROVE_ACTIONS` is approved, `manual` leaves it to a trader. `policy` reads the level:
 * an exposure-reducing intent is approved at every level; at **normal** an increasing one is approved when
 * its notional is at most `POLICY_AUTO_MAX_NOTIONAL_USD`; at **elevated** and **extreme** it waits for a
 * trader (at extreme the policy's global REDUCING vetoes it first). An intent that needs four eyes is never
 * approved by the policy's levels (it waits for two traders); the hedge lane, `auto` and
 * `AUTO_APPROVE_ACTIONS` are explicit choices and still approve it.
 */
export function chooseApproval(input: ApprovalInput, config: ApprovalPolicyConfig): ApprovalChoice {
  const reading = config.mode === 'policy' ? policyLevel(config, input.macro, input.nowMs) : null;
  const choose = (mode: ApprovalChoice['mode'], rule: ApprovalRule): ApprovalChoice => ({
    mode,
    record: policyRecord(config, input, rule),
  });
  const hedgeCap = config.hedgeAutoMaxQty[baseCoinOf(input.symbol).toUpperCase()];
  if (
    input.protective &&
    hedgeCap !== undefined &&
    input.quantity !== null &&
    !above(input.quantity, hedgeCap)
  )
    return choose('auto', 'hedge_lane');
  if (config.mode === 'auto') return choose('auto', 'auto_mode');
  if (config.autoApproveActions.includes(input.action)) return choose('auto', 'auto_action');
  if (reading === null) return choose('manual', 'manual_mode');
  if (input.fourEyes) return choose('manual', 'four_eyes');
  if (input.reducing) return choose('auto', 'reduces_exposure');
  if (reading.level !== 'normal') return choose('manual', 'increases_exposure');
  return input.notionalUsd !== null && !above(input.notionalUsd, config.autoMaxNotionalUsd)
    ? choose('auto', 'within_auto_notional')
    : choose('manual', 'over_auto_notional');
}
