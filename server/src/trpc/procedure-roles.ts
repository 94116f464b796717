import { ROLES, type Role } from '@gamma/shared';
import { InvariantError } from '../errors/index.ts';

/** The least role a procedure needs, or `public` (no sign-in at all). */
export type LeastRole = Role | 'public';

/**
 * The one table of who may call what (issue 10): every procedure path of the gateway's router, queries,
 * mutations and subscriptions alike, with its least role (roles include the ones before them: viewer <
 * trader < risk_manager < admin). The gateway does not start when a procedure has no row or a row names
 * no procedure ({@link checkRoleTable}); one middleware (trpc/init.ts) enforces it per procedure, so a
 * batched call is checked call by call. The README's "Sign-in and roles" table lists the same rows.
 */
export const PROCEDURE_ROLES = {
  // Public: liveness, and the way in
  health: 'public',
  'auth.login': 'public',
  // Every signed-in user: who am I, sign out, and every read and subscription
  'auth.me': 'viewer',
  'auth.logout': 'viewer',
  'auth.changePassword': 'viewer',
  config: 'viewer',
  'approvals.pending': 'viewer',
  'intents.recent': 'viewer',
  'intents.explain': 'viewer',
  'market.pqSpread': 'viewer',
  'market.volSurface': 'viewer',
  'market.forecasts': 'viewer',
  'market.volHistory': 'viewer',
  'risk.portfolio': 'viewer',
  'risk.alerts': 'viewer',
  'risk.tradingState': 'viewer',
  'risk.greeksHistory': 'viewer',
  'risk.alertBoard': 'viewer',
  'macro.latest': 'viewer',
  'macro.history': 'viewer',
  'monitoring.streams': 'viewer',
  'monitoring.deadLetters': 'viewer',
  'monitoring.services': 'viewer',
  'audit.events': 'viewer',
  'positions.book': 'viewer',
  'positions.equity': 'viewer',
  'history.search': 'viewer',
  'orders.list': 'viewer',
  onIntent: 'viewer',
  onDecision: 'viewer',
  onMacroState: 'viewer',
  onPortfolioRisk: 'viewer',
  onFill: 'viewer',
  onTick: 'viewer',
  onSurface: 'viewer',
  onForecast: 'viewer',
  onTradingState: 'viewer',
  onAlert: 'viewer',
  onPositionUpdate: 'viewer',
  onOrderCommand: 'viewer',
  // Traders decide on intents
  'approvals.approve': 'trader',
  'approvals.veto': 'trader',
  // Traders acknowledge risk alerts
  'risk.acknowledgeAlert': 'trader',
  // Risk managers set trading states (and limits)
  'risk.setTradingState': 'risk_manager',
  // Admins manage users
  'users.list': 'admin',
  'users.add': 'admin',
  'users.setRole': 'admin',
  'users.disable': 'admin',
  // Admins handle dead letters
  'monitoring.requeueDeadLetter': 'admin',
  'monitoring.discardDeadLetter': 'admin',
} as const satisfies Record<string, LeastRole>;

/** A procedure path of the table. */
export type ProcedurePath = keyof typeof PROCEDURE_ROLES;

/** The least role of a path, or undefined when the table has no row for it. */
export const leastRoleOf = (
  path: string,
  table: Readonly<Record<string, LeastRole>> = PROCEDURE_ROLES,
): LeastRole | undefined => (Object.hasOwn(table, path) ? table[path] : undefined);

/**
 * Throws unless the table and the router's procedure paths match exactly: a procedure without a row would
 * have no rule, and a row without a procedure is a rename gone wrong. Called at gateway start.
 */
export function checkRoleTable(
  procedurePaths: readonly string[],
  table: Readonly<Record<string, LeastRole>> = PROCEDURE_ROLES,
): void {
  const paths = new Set(procedurePaths);
  const missing = [...paths].filter((path) => !Object.hasOwn(table, path)).sort();
  const orphans = Object.keys(table)
    .filter((path) => !paths.has(path))
    .sort();
  const unknownRoles = Object.entries(table)
    .filter(([, role]) => role !== 'public' && !(ROLES as readonly string[]).includes(role))
    .map(([path]) => path);
  const problems = [
    ...(missing.length > 0
      ? [`procedures without a role (add them to PROCEDURE_ROLES): ${missing.join(', ')}`]
      : []),
    ...(orphans.length > 0 ? [`roles of procedures that do not exist: ${orphans.join(', ')}`] : []),
    ...(unknownRoles.length > 0 ? [`rows with an unknown role: ${unknownRoles.join(', ')}`] : []),
  ];
  if (problems.length > 0)
    throw new InvariantError(
      `the role table (server/src/trpc/procedure-roles.ts) does not match the router: ${problems.join('; ')}`,
    );
}
