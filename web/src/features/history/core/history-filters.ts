import { DECISION_STATUSES, ORDER_HISTORY_STATUSES } from '@gamma/shared';
import type { TimeZoneChoice } from '@/stores/time-zone-store';

/** The form's fields as typed (empty: no filter); times as `YYYY-MM-DDTHH:MM` in the chosen zone. */
export interface HistoryForm {
  kind: 'intent' | 'decision' | 'order';
  strategy: string;
  status: string;
  underlying: string;
  action: string;
  from: string;
  to: string;
}

/** An empty form: intents, no filter. */
export const EMPTY_HISTORY_FORM: HistoryForm = {
  kind: 'intent',
  strategy: '',
  status: '',
  underlying: '',
  action: '',
  from: '',
  to: '',
};

/** Statuses a kind's rows can have, for the status list. */
export const STATUSES_OF: Record<HistoryForm['kind'], readonly string[]> = {
  intent: DECISION_STATUSES,
  decision: DECISION_STATUSES,
  order: ORDER_HISTORY_STATUSES,
};

/** A `datetime-local` value as an ISO instant, read in UTC or the browser's zone; undefined when blank or invalid. */
export function isoOfLocalInput(value: string, zone: TimeZoneChoice): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = zone === 'utc' ? Date.UTC(y, mo - 1, d, h, mi, s) : new Date(y, mo - 1, d, h, mi, s).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

const text = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** The search input of a form: blank fields left out, times as ISO instants in the chosen zone. */
export function searchInputOf(form: HistoryForm, zone: TimeZoneChoice, limit: number) {
  return {
    kind: form.kind,
    strategy: text(form.strategy),
    status: text(form.status),
    underlying: text(form.underlying),
    action: text(form.action),
    from: isoOfLocalInput(form.from, zone),
    to: isoOfLocalInput(form.to, zone),
    limit,
  };
}
