import type { AlertBoardRow } from '@gamma/shared';
import { compact } from '@/lib/format';

/** `delta BTC/USDT`, `drawdown`, with the strategy when it is not the book-wide `global`. */
export const alertTitle = (row: Pick<AlertBoardRow, 'alert_type' | 'underlying' | 'strategy_id'>): string =>
  [row.alert_type.replace('_', ' '), row.underlying, row.strategy_id === 'global' ? null : row.strategy_id]
    .filter((part) => part !== null)
    .join(' ');

/** `active · critical`, `cleared`. */
export const statusText = (row: Pick<AlertBoardRow, 'status' | 'severity'>): string =>
  row.status === 'active' ? `active · ${row.severity}` : 'cleared';

/** The status's tone for its colour: red for critical, amber for a warning, muted once cleared. */
export const statusTone = (row: Pick<AlertBoardRow, 'status' | 'severity'>): 'danger' | 'warn' | 'done' =>
  row.status === 'cleared' ? 'done' : row.severity === 'critical' ? 'danger' : 'warn';

/** `0.2000 vs 0.1000` (the latest measured value against the threshold it was compared with). */
export const valueText = (row: Pick<AlertBoardRow, 'current_value' | 'threshold_value'>): string =>
  `${compact(row.current_value, 4)} vs ${compact(row.threshold_value, 4)}`;

/** `1 repeat`, `3 repeats`, or null for none. */
export const repeatsText = (repeats: number): string | null =>
  repeats === 0 ? null : `${repeats} repeat${repeats === 1 ? '' : 's'}`;

/** Active alerts nobody acknowledged: the count the card's title shows. */
export const unacknowledged = (rows: readonly AlertBoardRow[]): number =>
  rows.filter((r) => r.status === 'active' && r.ack === null).length;
