import { router } from '../init.ts';
import { subscriptions } from '../subscriptions.ts';
import { approvalsRouter } from './approvals-router.ts';
import { auditRouter } from './audit-router.ts';
import { configProcedure } from './config-procedure.ts';
import { healthProcedure } from './health-procedure.ts';
import { intentsRouter } from './intents-router.ts';
import { macroRouter } from './macro-router.ts';
import { marketRouter } from './market-router.ts';
import { monitoringRouter } from './monitoring-router.ts';
import { riskRouter } from './risk-router.ts';

/** The gateway's router: one router per domain, plus `health` and the `onXxx` subscriptions. */
export const appRouter = router({
  health: healthProcedure,
  config: configProcedure,
  approvals: approvalsRouter,
  intents: intentsRouter,
  market: marketRouter,
  risk: riskRouter,
  macro: macroRouter,
  monitoring: monitoringRouter,
  audit: auditRouter,
  ...subscriptions,
});

/** The router type the console and the e2e tests import (type only). */
export type AppRouter = typeof appRouter;
