import { type Role, roleAtLeast } from '@gamma/shared';
import { useSessionStore } from '@/stores/session-store';

/**
 * What the console lets each role do, by the least role that may (the server's role table has the final
 * word and refuses anyway): a control whose capability the signed-in role lacks is not shown.
 */
export const CAPABILITIES = {
  /** Approve or veto a pending intent (`approvals.approve`, `approvals.veto`) */
  decideApprovals: 'trader',
  /** Acknowledge a risk alert (`risk.acknowledgeAlert`) */
  acknowledgeAlerts: 'trader',
  /** Halt, reduce or resume trading (`risk.setTradingState`) */
  setTradingState: 'risk_manager',
  /** Requeue or discard a dead letter (`monitoring.requeueDeadLetter`, `monitoring.discardDeadLetter`) */
  handleDeadLetters: 'admin',
} as const satisfies Record<string, Role>;

/** One of {@link CAPABILITIES}. */
export type Capability = keyof typeof CAPABILITIES;

/** Whether `role` may use `capability`; nobody signed in may use none. */
export const can = (role: Role | null | undefined, capability: Capability): boolean =>
  role !== null && role !== undefined && roleAtLeast(role, CAPABILITIES[capability]);

/** Whether the signed-in user may use `capability` (re-renders when the session changes). */
export function useCan(capability: Capability): boolean {
  return useSessionStore((s) => can(s.user?.role, capability));
}
