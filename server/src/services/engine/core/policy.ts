/** The approval policy in force for an action (SPEC §5.3): auto when `APPROVAL_MODE=auto` or the action is listed. */
export const approvalModeFor = (
  action: string,
  policy: { mode: 'manual' | 'auto'; autoApproveActions: readonly string[] },
): 'manual' | 'auto' =>
  policy.mode === 'auto' || policy.autoApproveActions.includes(action) ? 'auto' : 'manual';
