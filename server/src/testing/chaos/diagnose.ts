import type { Redis } from 'ioredis';
import { keyTable, type OnceScope } from '../../keys/key-table.ts';
import { CHAOS_PREFIX } from './chaos-stack.ts';
import type { ProcessEvent } from './service-process.ts';
import type { Findings } from './verify-run.ts';

/** Failures listed in detail per criterion; the rest are counted. */
const SHOWN = 10;

const iso = (ms: number | undefined): string =>
  ms === undefined ? '?' : new Date(ms).toISOString().slice(11, 23);

/** `scope:key=<value or absent>` of the effect-once marks that tell where an intent stopped. */
async function marks(redis: Redis, wanted: [OnceScope, string][]): Promise<string> {
  const keys = keyTable(CHAOS_PREFIX);
  const parts: string[] = [];
  for (const [scope, key] of wanted) {
    const full = keys.once(scope, key);
    const type = await redis.type(full);
    const value =
      type === 'string' ? ((await redis.get(full)) ?? '').slice(0, 40) : type === 'none' ? 'absent' : type;
    parts.push(`${scope}:${key.replace(/chaos-\d+-/, '…')}=${value}`);
  }
  return parts.join(' ');
}

/** The kills, exits and restarts from 2 s before to 15 s after an instant. */
const around = (events: readonly ProcessEvent[], ms: number | undefined): string => {
  if (ms === undefined) return '';
  const near = events.filter(
    (e) => e.at >= ms - 2_000 && e.at <= ms + 15_000 && e.what !== 'started' && e.what !== 'running',
  );
  return near
    .map((e) => `${e.what} ${e.process}(${e.pid ?? '?'}) at ${iso(e.at)}${e.detail ? ` ${e.detail}` : ''}`)
    .join('; ');
};

/** One line per failure (at most {@link SHOWN} per criterion): the intent, its marks, the kills around it. */
export async function diagnose(
  redis: Redis,
  findings: Findings,
  events: readonly ProcessEvent[],
): Promise<string[]> {
  const lines: string[] = [];
  for (const id of findings.undecided.slice(0, SHOWN)) {
    const at = findings.intentMs.get(id);
    const state = await marks(redis, [['engine', `intent:${id}`]]);
    lines.push(
      `undecided ${id} (intent at ${iso(at)}): ${state}; nearby: ${around(events, at) || 'no kill'}`,
    );
  }
  for (const m of findings.missingLegs.slice(0, SHOWN)) {
    const at = findings.decisionMs.get(m.intentId);
    const state = await marks(redis, [
      ['engine', `routed:${m.intentId}`],
      ['exec', m.intentId],
      ['order', m.leg],
    ]);
    const ordered = m.ordered ? 'order.command present' : 'no order.command';
    lines.push(
      `leg missing ${m.leg} (${m.kind}, decided at ${iso(at)}; ${ordered}): ${state}; nearby: ${around(events, at) || 'no kill'}`,
    );
  }
  for (const d of findings.duplicateFills.slice(0, SHOWN))
    lines.push(`filled ${d.fills}× ${d.clientOrderId}`);
  for (const d of findings.duplicateDecisions.slice(0, SHOWN))
    lines.push(`decision ${d.decisionId} published ${d.count}× (informational)`);
  return lines;
}
