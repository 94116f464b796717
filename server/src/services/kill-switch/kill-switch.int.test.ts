import type { TradingStateEvent } from '@gamma/shared';
import { createPortfolioRisk, createStrategyIntent } from '@gamma/shared/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../../bus/redis-streams-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { streamKey } from '../../keys/key-table.ts';
import { FakeClock, iso } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createRedisStores } from '../../stores/redis-stores.ts';
import type { Stores } from '../../stores/stores.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { KillSwitchService } from './kill-switch.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describe('the kill switch through Redis', () => {
  let prefix: string;
  let clock: FakeClock;
  let bus: RedisStreamsBus;
  let stores: Stores;
  let killSwitch: KillSwitchService;

  const equity = (total: number, peak: number) =>
    bus.publish(
      'portfolio.risk',
      createPortfolioRisk({ metadata: { total_value: total, peak_value: peak } }),
    );
  const globalState = async () =>
    (await stores.tradingStates.list()).find((s) => s.scope === 'global') ?? null;
  const events = async (): Promise<TradingStateEvent[]> =>
    (await bus.latest('risk.trading_state', 100)).reverse().map((e) => e.message);
  const setByPerson = (state: 'ACTIVE' | 'HALTED') =>
    stores.tradingStates.set({
      scope: 'global',
      key: null,
      state,
      reason: 'desk decision',
      changedBy: 'alice',
      at: iso(clock.now()),
    });

  beforeEach(() => {
    prefix = testPrefix();
    // Entry ids carry Redis's time: the fake clock starts at the wall clock
    clock = new FakeClock(Date.now());
    bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger, clock });
    stores = createRedisStores(redis, { prefix, maxLen: 1000 });
    const config = loadConfig({ STREAM_PREFIX: prefix });
    killSwitch = new KillSwitchService(
      { bus, clock, config, log: silentLogger, stores },
      { config: { timers: false }, dayStarts: stores.dayStarts },
    );
  });

  afterEach(async () => {
    await killSwitch.close();
    await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  it('turns REDUCING at a 15 % drawdown from the peak equity, once, recorded as kill_switch', async () => {
    await killSwitch.start();
    await equity(100_000, 120_000);
    const trip = await killSwitch.check();
    expect(trip).toMatchObject({ measure: 'drawdown', state: 'REDUCING' });
    expect(await globalState()).toMatchObject({
      state: 'REDUCING',
      previous: 'ACTIVE',
      changed_by: 'kill_switch',
      reason: 'kill switch: drawdown 16.67% from the peak equity 120000.00 ≥ 15.00%',
    });
    expect(await killSwitch.check()).toBeNull();
    expect((await events()).map((e) => [e.state, e.changed_by])).toEqual([['REDUCING', 'kill_switch']]);
  });

  it('trips nothing within the limits', async () => {
    await equity(100_000, 110_000);
    expect(await killSwitch.check()).toBeNull();
    expect(await globalState()).toBeNull();
  });

  it('halts at the daily loss limit of the start-of-day equity, over a REDUCING state', async () => {
    await equity(100_000, 100_000);
    expect(await killSwitch.check()).toBeNull();
    await equity(96_000, 100_000);
    expect(await killSwitch.check()).toBeNull();
    await stores.tradingStates.set({
      scope: 'global',
      key: null,
      state: 'REDUCING',
      reason: 'careful',
      changedBy: 'alice',
      at: iso(clock.now()),
    });
    await equity(94_500, 100_000);
    expect(await killSwitch.check()).toMatchObject({ measure: 'daily_loss', state: 'HALTED' });
    expect(await globalState()).toMatchObject({
      state: 'HALTED',
      previous: 'REDUCING',
      changed_by: 'kill_switch',
      reason: 'kill switch: daily loss 5.50%: equity 94500.00 ≤ 95000.00 (start of day 100000.00 − 5.00%)',
    });
  });

  it('never leaves HALTED, and never loosens a state', async () => {
    await setByPerson('HALTED');
    await equity(80_000, 100_000);
    expect(await killSwitch.check()).toBeNull();
    expect(await globalState()).toMatchObject({ state: 'HALTED', changed_by: 'alice' });
  });

  it('trips again at the next check when a person resumes while the measure is still beyond', async () => {
    await equity(84_000, 100_000);
    await killSwitch.check();
    await setByPerson('ACTIVE');
    expect(await killSwitch.check()).toMatchObject({ measure: 'drawdown' });
    expect((await events()).map((e) => `${e.previous}>${e.state} ${e.changed_by}`)).toEqual([
      'ACTIVE>REDUCING kill_switch',
      'REDUCING>ACTIVE alice',
      'ACTIVE>REDUCING kill_switch',
    ]);
  });

  it('turns REDUCING at 20 dead letters within the last minute', async () => {
    const letter = (i: number) =>
      bus.publish('dlq', {
        source_stream: 'strategy.intent',
        source_entry_id: `1-${i}`,
        group: 'engine',
        reason: 'SCHEMA_MISMATCH',
        error: 'bad',
        raw: '{}',
        timestamp: iso(clock.now()),
      });
    for (let i = 0; i < 19; i += 1) await letter(i);
    expect(await killSwitch.check()).toBeNull();
    await letter(19);
    expect(await killSwitch.check()).toMatchObject({
      measure: 'dead_letters',
      state: 'REDUCING',
      reason: 'kill switch: 20 dead letters in the last minute ≥ 20',
    });
    // A minute later they no longer count
    await setByPerson('ACTIVE');
    clock.advance(61_000);
    expect(await killSwitch.check()).toBeNull();
  });

  it('turns REDUCING when a consumer group lags more than 30 s', async () => {
    await bus.publish('strategy.intent', createStrategyIntent());
    // A group that never reads: its oldest undelivered entry ages with the clock
    await redis.xgroup('CREATE', streamKey(prefix, 'strategy.intent'), 'engine', '0');
    clock.advance(29_000);
    expect(await killSwitch.check()).toBeNull();
    clock.advance(3_000);
    const trip = await killSwitch.check();
    expect(trip).toMatchObject({ measure: 'consumer_lag', state: 'REDUCING' });
    expect(trip?.reason).toMatch(
      /^kill switch: consumer group engine on strategy\.intent lagging 3\d s > 30 s$/,
    );
  });

  it('leaves out the groups outside the trading path (the audit recorder catching up)', async () => {
    await bus.publish('strategy.intent', createStrategyIntent());
    await redis.xgroup('CREATE', streamKey(prefix, 'strategy.intent'), 'audit-recorder', '0');
    clock.advance(120_000);
    expect(await killSwitch.check()).toBeNull();
  });

  it('keeps the state across a restart: it is in Redis', async () => {
    await equity(84_000, 100_000);
    await killSwitch.check();
    const again = new KillSwitchService(
      {
        bus,
        clock,
        config: loadConfig({ STREAM_PREFIX: prefix }),
        log: silentLogger,
        stores: createRedisStores(redis, { prefix, maxLen: 1000 }),
      },
      { config: { timers: false } },
    );
    await again.start();
    expect(await again.check()).toBeNull();
    expect((await globalState())?.state).toBe('REDUCING');
    await again.close();
  });
});
