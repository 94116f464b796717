import type { LeastRole } from '../trpc/procedure-roles.ts';

/**
 * The role table as it is meant to be, written out by hand, row for row as the README's "Sign-in and roles"
 * table: tests compare the enforced table (PROCEDURE_ROLES) and the README with it, and the role walk
 * (procedure-roles.int.test.ts) expects its answers from it. So changing a procedure's least role, or adding
 * one, means changing this file too, on purpose: a weakened row cannot pass unnoticed.
 */
export const PINNED_ROLE_TABLE: Readonly<Record<LeastRole, readonly string[]>> = {
  public: ['health', 'auth.login'],
  viewer: [
    'auth.me',
    'auth.logout',
    'auth.changePassword',
    'config',
    'approvals.pending',
    'intents.recent',
    'intents.explain',
    'market.pqSpread',
    'market.volSurface',
    'market.forecasts',
    'market.volHistory',
    'macro.latest',
    'macro.history',
    'risk.portfolio',
    'risk.alerts',
    'risk.tradingState',
    'risk.greeksHistory',
    'risk.alertBoard',
    'monitoring.streams',
    'monitoring.deadLetters',
    'monitoring.services',
    'audit.events',
    'positions.book',
    'positions.equity',
    'history.search',
    'orders.list',
    'onIntent',
    'onDecision',
    'onMacroState',
    'onPortfolioRisk',
    'onFill',
    'onTick',
    'onSurface',
    'onForecast',
    'onTradingState',
    'onAlert',
    'onPositionUpdate',
    'onOrderCommand',
  ],
  trader: ['approvals.approve', 'approvals.veto', 'risk.acknowledgeAlert'],
  risk_manager: ['risk.setTradingState'],
  admin: [
    'users.list',
    'users.add',
    'users.setRole',
    'users.disable',
    'monitoring.requeueDeadLetter',
    'monitoring.discardDeadLetter',
  ],
};

/** The pinned table as path → least role. */
export const pinnedLeastRoles = (): Record<string, LeastRole> =>
  Object.fromEntries(
    (Object.entries(PINNED_ROLE_TABLE) as [LeastRole, readonly string[]][]).flatMap(([role, paths]) =>
      paths.map((path) => [path, role] as const),
    ),
  );
