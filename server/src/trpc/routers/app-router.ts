import { router } from '../init.ts';
import { subscriptions } from '../subscriptions.ts';
import { approvalsRouter } from './approvals-router.ts';
import { auditRouter } from './audit-router.ts';
import { authRouter } from './auth-router.ts';
import { configProcedure } from './config-procedure.ts';
import { healthProcedure } from './health-procedure.ts';
import { historyRouter } from './history-router.ts';
import { intentsRouter } from './intents-router.ts';
import { macroRouter } from './macro-router.ts';
import { marketRouter } from './market-router.ts';
import { monitoringRouter } from './monitoring-router.ts';
import { positionsRouter } from './positions-router.ts';
import { ordersRouter } from './orders-router.ts';
import { riskRouter } from './risk-router.ts';
import { usersRouter } from './users-router.ts';

/**
 * The gateway's router: one router per domain, plus `health` and the `onXxx` subscriptions. Who may call
 * each procedure is the role table's (../procedure-roles.ts); the gateway checks at start that every
 * procedure has a row.
 */
export const appRouter = router({
  health: healthProcedure,
  auth: authRouter,
  users: usersRouter,
  config: configProcedure,
  approvals: approvalsRouter,
  intents: intentsRouter,
  market: marketRouter,
  risk: riskRouter,
  macro: macroRouter,
  monitoring: monitoringRouter,
  audit: auditRouter,
  positions: positionsRouter,
  history: historyRouter,
  orders: ordersRouter,
  ...subscriptions,
});

/** The router type the console and the e2e tests import (type only). */
export type AppRouter = typeof appRouter;

/** Every procedure path of the router (`approvals.approve`, `onIntent`, …), for the role-table check. */
export const procedurePathsOf = (r: { _def: { procedures: object } }): string[] =>
  Object.keys(r._def.procedures);
