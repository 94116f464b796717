import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { streamKey } from '../../keys/key-table.ts';
import type { Killable } from './chaos-plan.ts';
import { ServiceProcess, type ProcessEvent, type StopResult } from './service-process.ts';
import { groupBacklog } from './stream-reader.ts';

/** The stream prefix of a run (its Redis is private, so one fixed prefix is enough). */
export const CHAOS_PREFIX = 'chaos';

/** Each process of the run and the services it hosts. */
const TOPOLOGY: Record<'market-simulator' | Killable, string> = {
  'market-simulator': 'market-simulator',
  'risk-service': 'risk-service',
  'paper-exchange': 'paper-exchange',
  'option-execution': 'option-execution',
  'engine-1': 'engine',
  'engine-2': 'engine',
};

/** The consumer groups that carry an intent to its fills; the run waits for them before publishing. */
export const WORK_GROUPS = [
  { stream: 'strategy.intent', group: 'engine' },
  { stream: 'execution.command', group: 'option-execution' },
  { stream: 'order.command', group: 'paper-exchange' },
] as const;

/**
 * The settings of every process: auto approval, limits wide enough that balanced 0.01 BTC / 0.1 ETH
 * trades pass (only the oversized intents are vetoed), option limits 25 % through the quote, no
 * sentiment source, a short warm-up history, and entries of a killed consumer reclaimed after 5 s
 * instead of 30 s.
 */
function chaosEnv(redisUrl: string, services: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CHAOS_')));
  return {
    ...inherited,
    REDIS_URL: redisUrl,
    STREAM_PREFIX: CHAOS_PREFIX,
    SERVICES: services,
    LOG_LEVEL: 'info',
    APPROVAL_MODE: 'auto',
    PAPER_INITIAL_BALANCE_USDT: '10000000',
    RISK_MAX_POSITION_QTY: 'BTC:50,ETH:500',
    RISK_MAX_POSITION_RATIO: '100',
    RISK_MIN_POSITION_RATIO: '0',
    RISK_MAX_SINGLE_POSITION_PCT: '100',
    RISK_MAX_GROSS_LEVERAGE: '100',
    RISK_MAX_DRAWDOWN_PCT: '1',
    // Limit orders that wait for a restarted paper exchange stay marketable
    EXEC_PRICE_BUFFER_PCT: '0.25',
    // ... so the price band is widened with them; one strategy sends every intent (CHAOS_RATE a second,
    // often the same symbol and action): the rate buckets and the duplicate window stay out of the way
    RISK_PRICE_BAND_PCT: '1',
    RISK_PRICE_BAND_VOL_PTS: '1000',
    RISK_MAX_ORDERS_PER_S: '100000',
    RISK_MAX_ORDERS_PER_S_PER_STRATEGY: '100000',
    RISK_DUPLICATE_WINDOW_S: '0',
    SIM_WARMUP_MIN: '2',
    // S1 stays inert (no seeded daily history): the run counts only the intents it injects
    SIM_DAILY_HISTORY_DAYS: '0',
    SIM_SENTIMENT_PORT: '0',
    SENTIMENT_API_URLS: '',
    ONCHAIN_URL: '',
    BUS_CLAIM_IDLE_MS: '5000',
    DATA_DIR: 'memory://',
    DATABASE_URL: '',
  };
}

/** The run's processes: a market simulator, two engines, option execution, paper exchange, risk service. */
export class ChaosStack {
  readonly events: ProcessEvent[] = [];
  private readonly processes: Map<string, ServiceProcess>;

  constructor(redisUrl: string, logDir: string) {
    const record = (e: ProcessEvent) => this.events.push(e);
    this.processes = new Map(
      Object.entries(TOPOLOGY).map(([name, services]) => [
        name,
        new ServiceProcess({ name, env: chaosEnv(redisUrl, services), record, logDir }),
      ]),
    );
  }

  /** The simulator first (the others warm up from its ticks and surfaces), then the rest at once. */
  async start(redis: Redis): Promise<void> {
    await this.get('market-simulator').start();
    const surfaces = streamKey(CHAOS_PREFIX, 'market.vol_surface');
    while ((await redis.xlen(surfaces)) < 2) await sleep(100);
    const rest = [...this.processes.values()].filter((p) => p.name !== 'market-simulator');
    await Promise.all(rest.map((p) => p.start()));
    for (const { stream, group } of WORK_GROUPS) {
      while ((await groupBacklog(redis, streamKey(CHAOS_PREFIX, stream), group)) === null) await sleep(50);
    }
  }

  /** Each process's name and current pid (a benchmark samples their memory). */
  pids(): { name: string; pid: number | undefined }[] {
    return [...this.processes.values()].map((p) => ({ name: p.name, pid: p.pid }));
  }

  kill(target: Killable): Promise<void> {
    return this.get(target).killAndRestart();
  }

  /** SIGTERM to every process at once, each timed to its exit. */
  terminateAll(): Promise<StopResult[]> {
    return Promise.all([...this.processes.values()].map((p) => p.terminate()));
  }

  killAll(): void {
    for (const p of this.processes.values()) p.killNow();
  }

  async closeLogs(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.closeLog()));
  }

  private get(name: string): ServiceProcess {
    const p = this.processes.get(name);
    if (p === undefined) throw new Error(`no process ${name}`);
    return p;
  }
}
