import type { AlertType, ReasonCode, StreamInput } from '@gamma/shared';

/** Alert levels, from configuration. */
export interface AlertLimits {
  maxDrawdown: number;
  /** Drawdown warning level (0.15) */
  drawdownWarning: number;
  /** Position ratio warning level (0.75) */
  positionRatioWarning: number;
  maxPositionRatio: number;
  minPositionRatio: number;
  maxLeverage: number;
  /** Repeat interval of an active alert, ms */
  repeatMs: number;
  /** |total_delta| limit of an underlying: 2 × its hedger's delta threshold */
  deltaLimit: (underlying: string) => number;
}

/** What the alerts are evaluated on. */
export interface RiskSnapshot {
  drawdown: number;
  positionRatio: number | null;
  leverage: number | null;
  /** total_delta per underlying */
  deltas: ReadonlyMap<string, number>;
}

type Severity = 'warning' | 'critical';

interface Active {
  alertType: AlertType;
  severity: Severity;
  threshold: number;
  underlying: string | null;
  lastSentMs: number;
}

/** Active alerts by condition key; start with an empty map. */
export type AlertState = ReadonlyMap<string, Active>;

interface Condition {
  key: string;
  alertType: AlertType;
  current: number;
  underlying: string | null;
  /** Null when the condition does not hold */
  breach: { severity: Severity; threshold: number; reasonCode: ReasonCode | null; text: string } | null;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function drawdownCondition(s: RiskSnapshot, l: AlertLimits): Condition {
  const base = { key: 'drawdown', alertType: 'drawdown' as const, current: s.drawdown, underlying: null };
  if (s.drawdown > l.maxDrawdown)
    return {
      ...base,
      breach: {
        severity: 'critical',
        threshold: l.maxDrawdown,
        reasonCode: 'MAX_DRAWDOWN_EXCEEDED',
        text: `drawdown ${pct(s.drawdown)} > ${pct(l.maxDrawdown)}`,
      },
    };
  if (s.drawdown > l.drawdownWarning)
    return {
      ...base,
      breach: {
        severity: 'warning',
        threshold: l.drawdownWarning,
        reasonCode: null,
        text: `drawdown ${pct(s.drawdown)} > ${pct(l.drawdownWarning)}`,
      },
    };
  return { ...base, breach: null };
}

function positionCondition(s: RiskSnapshot, l: AlertLimits): Condition {
  const r = s.positionRatio;
  const base = {
    key: 'position_limit',
    alertType: 'position_limit' as const,
    current: r ?? 0,
    underlying: null,
  };
  if (r === null) return { ...base, breach: null };
  const above = Math.min(l.positionRatioWarning, l.maxPositionRatio);
  if (r > above)
    return {
      ...base,
      breach: {
        severity: 'warning',
        threshold: above,
        reasonCode: 'POSITION_RATIO_ABOVE_MAX',
        text: `position ratio ${pct(r)} > ${pct(above)}`,
      },
    };
  if (r < l.minPositionRatio)
    return {
      ...base,
      breach: {
        severity: 'warning',
        threshold: l.minPositionRatio,
        reasonCode: 'POSITION_RATIO_BELOW_MIN',
        text: `position ratio ${pct(r)} < ${pct(l.minPositionRatio)}`,
      },
    };
  return { ...base, breach: null };
}

function leverageCondition(s: RiskSnapshot, l: AlertLimits): Condition {
  const lev = s.leverage ?? 0;
  const breach =
    lev > l.maxLeverage
      ? {
          severity: 'critical' as const,
          threshold: l.maxLeverage,
          reasonCode: 'GROSS_LEVERAGE_EXCEEDED' as const,
          text: `leverage ${lev.toFixed(2)}x > ${l.maxLeverage.toFixed(2)}x`,
        }
      : null;
  return { key: 'leverage', alertType: 'leverage', current: lev, underlying: null, breach };
}

function deltaConditions(s: RiskSnapshot, l: AlertLimits): Condition[] {
  return [...s.deltas].map(([underlying, delta]) => {
    const limit = l.deltaLimit(underlying);
    const breach =
      Math.abs(delta) > limit
        ? {
            severity: 'warning' as const,
            threshold: limit,
            reasonCode: null,
            text: `${underlying} |delta| ${Math.abs(delta).toFixed(4)} > ${limit.toFixed(4)}`,
          }
        : null;
    return { key: `delta:${underlying}`, alertType: 'delta' as const, current: delta, underlying, breach };
  });
}

const alertOf = (
  c: { alertType: AlertType; current: number; underlying: string | null },
  a: { severity: 'info' | Severity; threshold: number; message: string; meta: Record<string, unknown> },
  nowIso: string,
): StreamInput<'risk.alert'> => ({
  strategy_id: 'global',
  alert_type: c.alertType,
  severity: a.severity,
  message: a.message,
  current_value: c.current,
  threshold_value: a.threshold,
  timestamp: nowIso,
  metadata: { underlying: c.underlying, ...a.meta },
});

/**
 * Edge-triggered alerts of SPEC §6.4: `raised` when a condition starts (or its severity changes), again
 * every `repeatMs` while it lasts, one `info` `cleared` when it ends.
 */
export function evaluateAlerts(
  state: AlertState,
  snapshot: RiskSnapshot,
  ctx: { limits: AlertLimits; nowMs: number; nowIso: string },
): { state: AlertState; alerts: StreamInput<'risk.alert'>[] } {
  const { limits, nowMs, nowIso } = ctx;
  const conditions = [
    drawdownCondition(snapshot, limits),
    positionCondition(snapshot, limits),
    leverageCondition(snapshot, limits),
    ...deltaConditions(snapshot, limits),
  ];
  const next = new Map(state);
  const alerts: StreamInput<'risk.alert'>[] = [];
  const seen = new Set<string>();
  for (const c of conditions) {
    seen.add(c.key);
    const active = state.get(c.key);
    if (c.breach) {
      const b = c.breach;
      const fresh = !active || active.severity !== b.severity;
      if (!fresh && nowMs - active.lastSentMs < limits.repeatMs) continue;
      const meta = { reason_code: b.reasonCode, state: 'raised', repeat: !fresh };
      alerts.push(
        alertOf(c, { severity: b.severity, threshold: b.threshold, message: b.text, meta }, nowIso),
      );
      next.set(c.key, {
        alertType: c.alertType,
        underlying: c.underlying,
        severity: b.severity,
        threshold: b.threshold,
        lastSentMs: nowMs,
      });
    } else if (active) {
      const message = `${c.alertType}${c.underlying ? ` ${c.underlying}` : ''} back within limits`;
      const meta = { reason_code: null, state: 'cleared' };
      alerts.push(alertOf(c, { severity: 'info', threshold: active.threshold, message, meta }, nowIso));
      next.delete(c.key);
    }
  }
  for (const [key, active] of state) {
    if (seen.has(key)) continue;
    const c = { alertType: active.alertType, current: 0, underlying: active.underlying };
    const meta = { reason_code: null, state: 'cleared' };
    alerts.push(
      alertOf(
        c,
        { severity: 'info', threshold: active.threshold, message: `${key} no longer held`, meta },
        nowIso,
      ),
    );
    next.delete(key);
  }
  return { state: next, alerts };
}
