import type { ServiceFactory } from '../service.ts';
import { KillSwitchService } from './kill-switch.ts';

export { KillSwitchService, KILL_SWITCH_USER, type KillSwitchOptions } from './kill-switch.ts';

/**
 * Creates the kill switch (issue 9): automatic trips of the global trading state; the day's start equity
 * is the one the engine's `daily_loss` uses (the day-start store, first offer of the day wins).
 */
export const createKillSwitchService: ServiceFactory = (deps) =>
  new KillSwitchService(deps, { dayStarts: deps.stores.dayStarts });
