import { ROLES } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { can } from './permissions';

describe('can', () => {
  it('lets traders and above decide approvals', () => {
    const allowed = ROLES.filter((role) => can(role, 'decideApprovals'));
    expect(allowed).toEqual(['trader', 'risk_manager', 'admin']);
  });

  it('lets risk managers and above set trading states', () => {
    const allowed = ROLES.filter((role) => can(role, 'setTradingState'));
    expect(allowed).toEqual(['risk_manager', 'admin']);
  });

  it('lets only admins requeue or discard dead letters', () => {
    const allowed = ROLES.filter((role) => can(role, 'handleDeadLetters'));
    expect(allowed).toEqual(['admin']);
  });

  describe('when nobody is signed in', () => {
    it('allows nothing', () => {
      expect(can(null, 'decideApprovals')).toBe(false);
      expect(can(undefined, 'setTradingState')).toBe(false);
    });
  });
});
