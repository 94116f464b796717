import type { Rng } from './seeded-rng.ts';

/** A process name of the topology that the run kills (never the market simulator). */
export const KILLABLE = [
  'engine-1',
  'engine-2',
  'option-execution',
  'paper-exchange',
  'risk-service',
] as const;
export type Killable = (typeof KILLABLE)[number];

/** One disturbance, at `atMs` after the first intent. */
export type ChaosEvent =
  { kind: 'kill'; atMs: number; target: Killable } | { kind: 'redis-restart'; atMs: number; downMs: number };

/**
 * Where the disturbances fall in the publishing window: kills uniformly over 5–95 % of it, each to a
 * random killable process; Redis restarts in evenly spaced slots of 25–75 % of it, down 1–3 s each.
 */
export function planChaos(
  rng: Rng,
  plan: { windowMs: number; kills: number; redisRestarts: number },
): ChaosEvent[] {
  const { windowMs, kills, redisRestarts } = plan;
  const events: ChaosEvent[] = [];
  for (let k = 0; k < kills; k += 1) {
    const atMs = Math.round(windowMs * (0.05 + 0.9 * rng.next()));
    events.push({ kind: 'kill', atMs, target: rng.pick(KILLABLE) });
  }
  const slot = (0.5 * windowMs) / Math.max(1, redisRestarts);
  for (let r = 0; r < redisRestarts; r += 1) {
    const atMs = Math.round(0.25 * windowMs + slot * (r + rng.next()));
    events.push({ kind: 'redis-restart', atMs, downMs: rng.int(1_000, 3_000) });
  }
  return events.sort((a, b) => a.atMs - b.atMs);
}
