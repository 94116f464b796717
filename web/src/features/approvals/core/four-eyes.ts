/** The four-eyes rule on a pending approval (`approvals.pending` items, issue 10). */
export interface FourEyesRule {
  /** Why two traders must approve: the order's notional, or its action */
  rule: 'notional' | 'action';
  /** The rule in words, e.g. `notional 152,000 USD > 100,000 USD` */
  detail: string;
  /** Who approved first; null until someone did */
  first_approved_by: string | null;
}

/** What the approval card shows of a four-eyes rule, for the signed-in user `me`. */
export interface FourEyesView {
  detail: string;
  /** `Approved by alice, awaiting a second trader`, once the first approval is in */
  awaiting: string | null;
  /** The signed-in user approved first: a different trader must approve, so no Approve for them */
  approvedByMe: boolean;
}

/** The four-eyes view of a row, or null when one approval is enough. */
export function fourEyesView(
  row: { status: 'pending' | 'awaiting_second'; four_eyes: FourEyesRule | null },
  me: string | null,
): FourEyesView | null {
  const rule = row.four_eyes;
  if (rule === null) return null;
  const first = rule.first_approved_by;
  const awaiting = row.status === 'awaiting_second' || first !== null;
  return {
    detail: rule.detail,
    awaiting: awaiting ? `Approved by ${first ?? 'another trader'}, awaiting a second trader` : null,
    approvedByMe: awaiting && first !== null && first === me,
  };
}
