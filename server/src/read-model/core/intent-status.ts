import {
  furtherStatus,
  legsOf,
  STATUS_OF_DECISION,
  TERMINAL_INTENT_STATUSES,
  type IntentStatus,
} from '@gamma/shared';
import type { IntentRecord } from './intents-state.ts';

/** Whether every order leg of the intent has a fill (option intents need both legs). */
function allLegsFilled(record: IntentRecord): boolean {
  const orders = record.orderCommands;
  const legsNeeded = record.intent === null ? 1 : legsOf(record.intent.message.action);
  if (orders.length < legsNeeded) return false;
  return orders.every((order) =>
    record.fills.some((fill) =>
      order.message.client_order_id === null
        ? fill.message.symbol === order.message.symbol
        : fill.message.client_order_id === order.message.client_order_id,
    ),
  );
}

/**
 * The status of an intent (SPEC §5.3 item 10): a terminal outcome wins, then the furthest step reached
 * (`filled` > `executed` > `approved` > `pending`), else `received`; holds are `hold`.
 */
export function intentStatus(record: IntentRecord): IntentStatus {
  if (record.intent?.message.action === 'hold') return 'hold';
  const statuses = new Set(record.decisions.map((d) => d.message.status));
  const terminal = TERMINAL_INTENT_STATUSES.find((status) => statuses.has(status));
  if (terminal !== undefined) return terminal;
  const reached = record.decisions.map((d): IntentStatus => STATUS_OF_DECISION[d.message.status]);
  if (record.executionCommands.length > 0 || record.orderCommands.length > 0) reached.push('executed');
  if (allLegsFilled(record)) reached.push('filled');
  return reached.reduce(furtherStatus, 'received');
}

/** The newest message timestamp of anything seen about the intent (ISO). */
export function intentUpdatedAt(record: IntentRecord): string | null {
  const stamps = [
    record.intent?.message.timestamp,
    ...record.decisions.map((d) => d.message.timestamp),
    ...record.executionCommands.map((c) => c.message.timestamp),
    ...record.orderCommands.map((o) => o.message.timestamp),
    ...record.fills.map((f) => f.message.timestamp),
  ].filter((s): s is string => s !== undefined);
  if (stamps.length === 0) return null;
  return stamps.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
}
