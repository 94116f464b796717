import { GREEKS_HISTORY_MAX_POINTS } from '@gamma/shared';
import { createAlertBoard, type AlertBoardState } from './alert-board.ts';
import { createGreeksHistory, type GreeksHistoryState } from './greeks-history.ts';

export { applyRiskAlert, alertBoardRows, alertEpisode } from './alert-board.ts';
export { applyGreeks, greeksHistory } from './greeks-history.ts';

/** One Greeks point per this many ms at most (with 720 points: the last hour). */
export const GREEKS_SPACING_MS = 5000;
/** Most alerts (strategy × type × underlying) the board keeps. */
export const MAX_BOARD_ALERTS = 200;

/** The Risk page's state in the read model: the Greeks history and the alert board. */
export interface RiskBoard {
  greeks: GreeksHistoryState;
  alerts: AlertBoardState;
}

/** An empty risk board. */
export const createRiskBoard = (): RiskBoard => ({
  greeks: createGreeksHistory({ spacingMs: GREEKS_SPACING_MS, maxPoints: GREEKS_HISTORY_MAX_POINTS }),
  alerts: createAlertBoard(MAX_BOARD_ALERTS),
});
