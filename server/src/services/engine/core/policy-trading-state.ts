import type { ApprovalLevelReading, MacroReading, TradingState } from '@gamma/shared';

/** `changed_by` of the global REDUCING the approval policy sets and lifts. */
export const APPROVAL_POLICY_CHANGER = 'approval_policy';

/** What the policy asks of the global trading state, and when the store may do it. */
export interface PolicyStateChange {
  state: TradingState;
  reason: string;
  /** Decided by the store on the record the write replaces, so a person's state is never overwritten */
  when: (current: TradingState, record: { changed_by: string } | null) => boolean;
}

const figures = (macro: MacroReading | null): string =>
  macro === null
    ? 'no macro state'
    : `regime ${macro.regime ?? 'unknown'}, FOMO ${macro.fomo === null ? 'unknown' : macro.fomo.toFixed(2)}`;

/**
 * The global state the approval policy wants for a level (issue 9 item 5): at **extreme**, REDUCING, set
 * only over ACTIVE (a person's or the kill switch's REDUCING or HALTED stays as it is); below extreme,
 * ACTIVE again, but only over a REDUCING the policy set itself (`changed_by: approval_policy`): a HALTED, or
 * a REDUCING a person or the kill switch set, is never lifted by it.
 */
export function policyStateChange(
  reading: ApprovalLevelReading,
  macro: MacroReading | null,
): PolicyStateChange {
  if (reading.level === 'extreme')
    return {
      state: 'REDUCING',
      reason: `approval policy: extreme (${reading.rule}; ${figures(macro)})`,
      when: (current) => current === 'ACTIVE',
    };
  return {
    state: 'ACTIVE',
    reason: `approval policy: ${reading.level} (${reading.rule}; ${figures(macro)})`,
    when: (current, record) => current === 'REDUCING' && record?.changed_by === APPROVAL_POLICY_CHANGER,
  };
}
