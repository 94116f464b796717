import type { Redis } from 'ioredis';

/** One command's calls and Redis CPU time (`INFO commandstats`). */
export interface CommandStat {
  command: string;
  calls: number;
  usec: number;
}

/** Redis' per-command counters since the last `CONFIG RESETSTAT`, busiest first. */
export async function commandStats(redis: Redis): Promise<CommandStat[]> {
  const info = await redis.info('commandstats');
  const stats: CommandStat[] = [];
  for (const line of info.split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/.exec(line.trim());
    if (match) stats.push({ command: match[1] ?? '', calls: Number(match[2]), usec: Number(match[3]) });
  }
  return stats.sort((a, b) => b.usec - a.usec);
}

/** `evalsha 4.0/msg 61 µs` for the busiest commands: calls per message and µs per call. */
export const describeStats = (stats: readonly CommandStat[], messages: number): string =>
  stats
    .slice(0, 4)
    .map((s) => `${s.command} ${(s.calls / messages).toFixed(1)}/msg ${(s.usec / s.calls).toFixed(0)} µs`)
    .join(', ');

/** Logs every command from now on in the SLOWLOG (`--slowlog`: what each script costs). */
export async function logEveryCommand(redis: Redis): Promise<void> {
  await redis.config('SET', 'slowlog-log-slower-than', '0');
  await redis.config('SET', 'slowlog-max-len', '200000');
  await redis.slowlog('RESET');
}

type SlowEntry = [number, number, number, string[], ...unknown[]];

/** The SLOWLOG grouped by command (EVALSHA by script SHA): calls and mean µs, costliest first. */
export async function slowlogByScript(
  redis: Redis,
): Promise<{ what: string; calls: number; meanUs: number }[]> {
  const entries = (await redis.slowlog('GET', 200000)) as SlowEntry[];
  const groups = new Map<string, { calls: number; us: number }>();
  for (const [, , us, args] of entries) {
    const name = (args[0] ?? '').toLowerCase();
    const what = name === 'evalsha' ? `evalsha ${(args[1] ?? '').slice(0, 8)} keys=${args[2] ?? ''}` : name;
    const g = groups.get(what) ?? { calls: 0, us: 0 };
    g.calls += 1;
    g.us += us;
    groups.set(what, g);
  }
  return [...groups]
    .map(([what, g]) => ({ what, calls: g.calls, meanUs: g.us / g.calls }))
    .sort((a, b) => b.calls * b.meanUs - a.calls * a.meanUs);
}
