import type { Hop } from '@gamma/shared';
import { duration } from '@/lib/format';

/** One hop as the timeline draws it: a bar from when its cause happened, as long as it took. */
export interface HopRow {
  key: string;
  from: string;
  to: string;
  ms: number;
  /** `12 ms`, `1.25 s`, `2m 05s` */
  latency: string;
  /** When the cause happened, as a share of the whole way (0–1) */
  start: number;
  /** The hop's length as a share of the whole way (0–1) */
  width: number;
  /** The longest hop: where most of the time went */
  slowest: boolean;
}

/** The hops of one intent laid out on its way, and the time from its first step to its last. */
export interface HopLayout {
  rows: HopRow[];
  totalMs: number;
}

/** A latency readable at a glance: milliseconds below a second, seconds with 2 decimals below a minute. */
export function latencyText(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return duration(ms);
}

const STEP_NAMES: Readonly<Record<string, string>> = {
  intent: 'intent',
  signal: 'signal',
  approval: 'approval',
  veto: 'veto',
  command: 'execution command',
};

/**
 * A hop label (`decision:pending_approval`, `order:<client_order_id>`…) in words; a leg of this intent
 * (`<intent_id>-<n>`) is named by its number.
 */
export function stepName(label: string, intentId: string): string {
  const named = STEP_NAMES[label];
  if (named !== undefined) return named;
  const [kind = '', rest = ''] = label.split(/:(.*)/s);
  if (kind === 'decision') return rest.replaceAll('_', ' ');
  if (kind === 'order' || kind === 'fill') {
    const leg = rest.startsWith(`${intentId}-`) ? rest.slice(intentId.length + 1) : rest;
    return `${kind} leg ${leg}`;
  }
  return label;
}

/**
 * Places each hop on the intent's way: a step happens when its cause happened plus the hop (the first
 * step at 0), so parallel legs start together and the widest bar shows where the time went.
 */
export function layoutHops(hops: readonly Hop[], intentId: string): HopLayout {
  const at = new Map<string, number>();
  const starts = hops.map((hop) => {
    const start = at.get(hop.from) ?? 0;
    if (!at.has(hop.from)) at.set(hop.from, 0);
    at.set(hop.to, start + hop.ms);
    return start;
  });
  const totalMs = Math.max(0, ...at.values());
  const longest = Math.max(0, ...hops.map((h) => h.ms));
  const share = (ms: number) => (totalMs > 0 ? ms / totalMs : 0);
  const rows = hops.map((hop, index) => ({
    key: `${hop.from}>${hop.to}#${index}`,
    from: stepName(hop.from, intentId),
    to: stepName(hop.to, intentId),
    ms: hop.ms,
    latency: latencyText(hop.ms),
    start: share(starts[index] ?? 0),
    width: share(hop.ms),
    slowest: hops.length > 1 && longest > 0 && hop.ms === longest,
  }));
  return { rows, totalMs };
}
