import type { ReasonCode, RiskCheckVerdict } from '@gamma/shared';

/**
 * A pre-order check's verdict as the checks return it: a failing verdict always names its reason code,
 * so no failure reaches `reason_codes` without one.
 */
export type CheckVerdict = RiskCheckVerdict &
  ({ passed: true; reason_code: null } | { passed: false; reason_code: ReasonCode });

/** The verdict of a measured check: it fails with `failure`, or passes when that is null. */
export const verdictOf = (
  measured: { check: string; value: number | null; limit: number | null },
  failure: ReasonCode | null,
): CheckVerdict =>
  failure === null
    ? { ...measured, passed: true, reason_code: null }
    : { ...measured, passed: false, reason_code: failure };
