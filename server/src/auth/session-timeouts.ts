import type { ProcessConfig } from '../config/process-config.ts';
import type { SessionRecord } from '../stores/sessions/session-store.ts';

/** How long a session may idle, and live at all, ms. */
export interface SessionTimeouts {
  idleMs: number;
  maxMs: number;
}

/** The timeouts of the process settings (`SESSION_IDLE_MIN`, `SESSION_MAX_H`). */
export const sessionTimeoutsOf = (settings: Pick<ProcessConfig, 'sessionIdleMin' | 'sessionMaxH'>) => ({
  idleMs: settings.sessionIdleMin * 60_000,
  maxMs: settings.sessionMaxH * 3_600_000,
});

/** When a session ends unless refreshed first: its idle end or its absolute end, whichever comes first. */
export const sessionEndMs = (record: SessionRecord, timeouts: SessionTimeouts): number =>
  Math.min(record.last_seen_ms + timeouts.idleMs, record.created_ms + timeouts.maxMs);

/** Whether a session is still live at `nowMs` (it ends at its end instant exactly). */
export const isSessionLive = (record: SessionRecord, nowMs: number, timeouts: SessionTimeouts): boolean =>
  nowMs < sessionEndMs(record, timeouts);
