/**
 * The approval level of `APPROVAL_MODE=policy` (issue 9 item 5), derived from the latest market-wide
 * `market.macro_state`. One rule for the engine, which decides with it, and the console, which shows it.
 */
export const APPROVAL_LEVELS = ['normal', 'elevated', 'extreme'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

/** Why the level is what it is: the measure that set it (`calm`: a `bull` or `chop` regime, FOMO below both). */
export const APPROVAL_LEVEL_RULES = [
  'no_macro_state',
  'regime_panic',
  'fomo_extreme',
  'macro_state_stale',
  'fomo_elevated',
  'regime_elevated',
  'calm',
] as const;
export type ApprovalLevelRule = (typeof APPROVAL_LEVEL_RULES)[number];

/** Regimes under which the policy is at ease; every other one (`bear`, `high_vol_bull`, `unknown`, null) is elevated. */
export const CALM_REGIMES: readonly string[] = ['bull', 'chop'];

/** What the level reads of a macro state. */
export interface MacroReading {
  /** `macro_regime`; null reads as `unknown` */
  regime: string | null;
  /** `fomo_score`, 0…1; null when unknown */
  fomo: number | null;
  /** The state's `timestamp`, epoch ms */
  atMs: number;
}

/** `POLICY_EXTREME_FOMO`, `POLICY_ELEVATED_FOMO`, and the age past which a state is stale. */
export interface ApprovalLevelSettings {
  extremeFomo: number;
  elevatedFomo: number;
  /** Three `MACRO_BROADCAST_INTERVAL_S` periods, ms */
  staleAfterMs: number;
}

/** The level and the rule that set it. */
export interface ApprovalLevelReading {
  level: ApprovalLevel;
  rule: ApprovalLevelRule;
}

/**
 * The level in force at `nowMs`. The strictest rule that applies wins: **extreme** when the regime is
 * `panic` or FOMO ≥ `extremeFomo` (even from a stale state: a risk service that stopped during a panic
 * does not calm the desk); **elevated** when there is no state, the state is older than `staleAfterMs`,
 * FOMO ≥ `elevatedFomo`, or the regime is anything but `bull` or `chop` (`unknown` included: the regime
 * table leaves mid-vol, neutral-sentiment markets unknown); else **normal**. Boundaries are inclusive.
 */
export function approvalLevel(
  macro: MacroReading | null,
  settings: ApprovalLevelSettings,
  nowMs: number,
): ApprovalLevelReading {
  if (macro === null) return { level: 'elevated', rule: 'no_macro_state' };
  const { regime, fomo } = macro;
  if (regime === 'panic') return { level: 'extreme', rule: 'regime_panic' };
  if (fomo !== null && fomo >= settings.extremeFomo) return { level: 'extreme', rule: 'fomo_extreme' };
  if (nowMs - macro.atMs > settings.staleAfterMs) return { level: 'elevated', rule: 'macro_state_stale' };
  if (fomo !== null && fomo >= settings.elevatedFomo) return { level: 'elevated', rule: 'fomo_elevated' };
  if (regime === null || !CALM_REGIMES.includes(regime))
    return { level: 'elevated', rule: 'regime_elevated' };
  return { level: 'normal', rule: 'calm' };
}
