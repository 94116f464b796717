import { describe, expect, it } from 'vitest';
import { type DecideContext, decideRefusal } from './decide-refusal';

const ctx = (more: Partial<DecideContext> = {}): DecideContext => ({
  canDecide: true,
  role: 'trader',
  state: 'open',
  fourEyes: null,
  busy: false,
  ...more,
});

describe('decideRefusal', () => {
  it('lets a trader approve and veto an open row', () => {
    expect(decideRefusal(ctx(), 'approve')).toBeNull();
    expect(decideRefusal(ctx(), 'veto')).toBeNull();
  });

  it('tells a viewer that approving and vetoing need the trader role', () => {
    const viewer = ctx({ canDecide: false, role: 'viewer' });
    expect(decideRefusal(viewer, 'approve')).toBe(
      'Approving needs the trader role; you are signed in as viewer',
    );
    expect(decideRefusal(viewer, 'veto')).toBe('Vetoing needs the trader role; you are signed in as viewer');
  });

  it('refuses an expired row and one already on its way', () => {
    expect(decideRefusal(ctx({ state: 'expired' }), 'veto')).toBe('This approval has expired');
    expect(decideRefusal(ctx({ busy: true }), 'approve')).toBe('A decision of this intent is on its way');
  });

  it('lets the first four-eyes approver veto but not approve again', () => {
    const fourEyes = { detail: 'sell_straddle is unbounded short gamma', awaiting: 'x', approvedByMe: true };
    expect(decideRefusal(ctx({ fourEyes }), 'approve')).toBe(
      'You approved first; a different trader must approve',
    );
    expect(decideRefusal(ctx({ fourEyes }), 'veto')).toBeNull();
  });
});
