import type { Hop, StreamName } from '@gamma/shared';
import { compareIds, idMs } from './stream-id.ts';

/** An event of an intent's way: a chain node or an approval command, with its stream entry id. */
export interface HopEvent {
  stream: StreamName;
  entry_id: string;
  message: unknown;
}

/** An event placed on the way: its label, what kind of step it is, its leg and its time. */
interface Point {
  label: string;
  kind: string;
  /** The leg's client order id (orders and fills), else null */
  leg: string | null;
  ms: number;
  rank: number;
  id: string;
}

const field = (message: unknown, key: string): string | null => {
  if (message === null || typeof message !== 'object') return null;
  const value = (message as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : null;
};

/** Within one millisecond, the order in which the steps happen (a fill follows its order, a rejection its legs). */
const RANK: Readonly<Record<string, number>> = {
  signal: 0,
  intent: 1,
  'decision:pending_approval': 2,
  first_approval: 3,
  approval: 3,
  veto: 3,
  command: 5,
  order: 6,
  fill: 7,
  'decision:execution_rejected': 8,
};
const OTHER_DECISION_RANK = 4;

/** Where each step comes from: the kinds of its cause, most direct first (a missing one falls back to the next). */
const CAUSES: Readonly<Record<string, readonly string[]>> = {
  intent: ['signal'],
  'decision:pending_approval': ['intent'],
  // A four-eyes intent: the first approve, its decision, then the second approve (or a veto, or the expiry)
  first_approval: ['decision:pending_approval', 'intent'],
  'decision:awaiting_second_approval': ['first_approval', 'decision:pending_approval', 'intent'],
  approval: ['decision:awaiting_second_approval', 'decision:pending_approval', 'intent'],
  veto: ['decision:awaiting_second_approval', 'decision:pending_approval', 'intent'],
  'decision:approved': ['approval', 'decision:pending_approval', 'intent'],
  'decision:vetoed': ['veto', 'decision:pending_approval', 'intent'],
  'decision:expired': ['decision:awaiting_second_approval', 'decision:pending_approval', 'intent'],
  'decision:rejected_on_recheck': ['approval', 'decision:pending_approval', 'intent'],
  'decision:execution_rejected': ['order', 'command', 'decision:approved', 'intent'],
  command: ['decision:approved', 'intent'],
  order: ['command', 'decision:approved', 'intent'],
  fill: ['order', 'command', 'decision:approved', 'intent'],
};

/** The kind, label and leg of an event; null for events that are no step (position updates). */
function describe(event: HopEvent): Pick<Point, 'kind' | 'label' | 'leg'> | null {
  const leg = field(event.message, 'client_order_id') ?? event.entry_id;
  switch (event.stream) {
    case 'strategy.signal':
      return { kind: 'signal', label: 'signal', leg: null };
    case 'strategy.intent':
      return { kind: 'intent', label: 'intent', leg: null };
    case 'intent.decision': {
      const kind = `decision:${field(event.message, 'status') ?? 'unknown'}`;
      return { kind, label: kind, leg: null };
    }
    case 'intent.approval': {
      const command = field(event.message, 'command');
      const metadata = (event.message as { metadata?: unknown } | null)?.metadata;
      const stage = metadata !== null && typeof metadata === 'object' ? field(metadata, 'stage') : null;
      // The first approve of a four-eyes intent is a step of its own (its label reads as words)
      if (command === 'approve' && stage === 'first')
        return { kind: 'first_approval', label: 'first approval', leg: null };
      const kind = command === 'veto' ? 'veto' : 'approval';
      return { kind, label: kind, leg: null };
    }
    case 'execution.command':
      return { kind: 'command', label: 'command', leg: null };
    case 'order.command':
      return { kind: 'order', label: `order:${leg}`, leg };
    case 'order.fill':
      return { kind: 'fill', label: `fill:${leg}`, leg };
    default:
      return null;
  }
}

function toPoint(event: HopEvent): Point | null {
  const described = describe(event);
  const ms = idMs(event.entry_id);
  if (described === null || ms === null) return null;
  return { ...described, ms, rank: RANK[described.kind] ?? OTHER_DECISION_RANK, id: event.entry_id };
}

const byTime = (a: Point, b: Point): number => a.ms - b.ms || a.rank - b.rank || compareIds(a.id, b.id);

/** The latest earlier point that caused `target`: its own leg's order for a fill, else by {@link CAUSES}. */
function causeOf(target: Point, earlier: readonly Point[]): Point | null {
  for (const kind of CAUSES[target.kind] ?? []) {
    const sameLeg = kind === 'order' && target.kind === 'fill';
    const match = earlier.findLast((p) => p.kind === kind && (!sameLeg || p.leg === target.leg));
    if (match) return match;
  }
  return null;
}

/**
 * The hops of an intent's way (intent → decision → approval → command → each leg's order → each fill), each
 * from the step that caused it, timed by the entries' stream ids: Redis stamps them at XADD from one clock, so
 * the difference is the real latency between two processes, which their own timestamps (each producer's
 * clock) are not. A step whose cause is missing hangs on the nearest earlier cause that is there; a step
 * with none (the first) has no hop. In the order the steps happened.
 */
export function intentHops(events: readonly HopEvent[]): Hop[] {
  const points = events.map(toPoint).filter((p): p is Point => p !== null);
  points.sort(byTime);
  const hops: Hop[] = [];
  points.forEach((target, index) => {
    const cause = causeOf(target, points.slice(0, index));
    if (cause) hops.push({ from: cause.label, to: target.label, ms: target.ms - cause.ms });
  });
  return hops;
}
