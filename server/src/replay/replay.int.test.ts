import { STREAM_NAMES, type DecisionStatus, type StreamInput } from '@gamma/shared';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { externalIntent, STACK_START_MS, startStack, type Stack } from '../testing/start-stack.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { runReplayCommand, type ReplayRun } from './replay-command.ts';

/**
 * Every action but `buy_straddle` is approved automatically; buy straddles wait for the trader. No
 * minimum position ratio, so the straddles are not vetoed by what the strategies did first. No
 * DeltaHedger: it reacts to `portfolio.risk` and `order.fill`, which the live runner reads on separate
 * subscriptions, so whether a hedge follows a risk entry written in the same millisecond as a leg's fill
 * depends on which subscription ran first (the record cannot tell; see the README's Replay section).
 */
const SETTINGS = {
  APPROVAL_MODE: 'manual',
  AUTO_APPROVE_ACTIONS: 'sell_straddle,buy_strangle,sell_strangle,delta_hedge,buy,sell,close',
  APPROVAL_TTL_S: '60',
  RISK_MIN_POSITION_RATIO: '0',
  // as the test stack runs (its intents repeat within seconds); the replay must judge with the same window
  RISK_DUPLICATE_WINDOW_S: '0',
  STRATEGIES: 'pq_vol_trader:BTC/USDT,pq_vol_trader:ETH/USDT,grid:BTC/USDT',
};

interface Recording {
  dataDir: string;
  env: Record<string, string | undefined>;
  from: string;
  to: string;
  recordedMs: number;
  decisions: number;
}

/** Waits (polling) until `check` passes; usable in a hook, unlike `expect.poll`. */
const until = (what: string, check: () => Promise<boolean>, state?: () => Promise<unknown>) =>
  vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`still waiting for ${what}: ${JSON.stringify(await state?.())}`);
    },
    { timeout: 60_000, interval: 200 },
  );

/** Waits until an intent has a decision of `status` and, when `legs` is given, that many position updates. */
async function settled(
  stack: Stack,
  { intentId, status, legs = 0 }: { intentId: string; status: DecisionStatus; legs?: number },
): Promise<void> {
  const seen = async () => ({
    decisions: (await stack.read('intent.decision'))
      .filter((d) => d.intent_id === intentId)
      .map((d) => d.status),
    updates: (await stack.read('position.update')).filter((u) => u.metadata.intent_id === intentId).length,
  });
  await until(
    `${intentId} ${status} with ${legs} position updates`,
    async () => {
      const now = await seen();
      return now.decisions.includes(status) && now.updates >= legs;
    },
    seen,
  );
}

/**
 * The trader's part of the recorded run, on a still market and one step at a time. The engine reads its
 * state a moment after it stamps a decision (and applies a position update a moment before it hands the
 * fill's reservation over), so a tick, surface or fill arriving in that moment may or may not count, and
 * the record cannot tell which: the market is stopped once a strategy's intent is decided, and each
 * intent is settled (decided, its fills booked) before the next.
 */
async function trade(stack: Stack): Promise<void> {
  const publish = async (intent: StreamInput<'strategy.intent'>) => {
    await stack.bus.publish('strategy.intent', intent);
    return intent.intent_id;
  };
  const spot = { symbol: 'BTC/USDT', intent_type: 'rebalance' } as const;
  await until('a strategy intent decided', async () =>
    (await stack.read('intent.decision')).some((d) => d.strategy_id.startsWith('pq_vol_trader')),
  );
  await stack.stopService('market-simulator');
  await settled(stack, {
    intentId: await publish(externalIntent({ ...spot, action: 'buy', quantity: 0.01 })),
    status: 'approved',
    legs: 1,
  });
  const approveMe = await publish(externalIntent());
  await settled(stack, { intentId: approveMe, status: 'pending_approval' });
  const vetoMe = await publish(externalIntent());
  await settled(stack, { intentId: vetoMe, status: 'pending_approval' });
  await stack.client.approvals.approve.mutate({ intent_id: approveMe });
  await settled(stack, { intentId: approveMe, status: 'approved', legs: 2 });
  await stack.client.approvals.veto.mutate({ intent_id: vetoMe, reason: 'too close to expiry' });
  await settled(stack, { intentId: vetoMe, status: 'vetoed' });
  const tooBig = {
    symbol: 'ETH/USDT',
    intent_type: 'rebalance',
    action: 'sell',
    direction: 'sell',
    quantity: 5000,
  } as const;
  await settled(stack, { intentId: await publish(externalIntent(tooBig)), status: 'vetoed' });
  await settled(stack, {
    intentId: await publish(externalIntent({ ...spot, action: 'buy', quantity: 0.02 })),
    status: 'approved',
    legs: 1,
  });
}

/** Runs the whole stack recording into a PGlite folder, with trader approvals and a veto, then stops it. */
async function recordLiveRun(): Promise<Recording> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gamma-replay-'));
  const startedAt = Date.now();
  const from = new Date(startedAt - 1_000).toISOString();
  const stack = await startStack({ ...SETTINGS, DATA_DIR: dataDir });
  let decisions: number;
  try {
    // Straddles are priced from the surface: wait for one, so they wait for the trader instead of a veto
    await until('a BTC surface', async () =>
      (await stack.read('market.vol_surface')).some((s) => s.underlying === 'BTC/USDT'),
    );
    await trade(stack);
    decisions = (await stack.read('intent.decision')).length;
    // The recorder catches up: an entry it has not stored is not in the record
    await until('the audit recorder to catch up', async () => {
      const states = await Promise.all(STREAM_NAMES.map((name) => stack.groupState(name, 'audit-recorder')));
      return states.every((s) => s === null || (s.pending === 0 && s.lag === 0));
    });
  } finally {
    await stack.close();
  }
  const to = new Date(Date.now() + 1_000).toISOString();
  const env = {
    ...process.env,
    ...SETTINGS,
    REDIS_URL: TEST_REDIS_URL,
    STREAM_PREFIX: stack.prefix,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'silent',
  };
  return { dataDir, env, from, to, recordedMs: Date.now() - startedAt, decisions };
}

const replay = async (
  recording: Recording,
  extra: string[] = [],
): Promise<{ run: ReplayRun; out: string[] }> => {
  const out: string[] = [];
  const run = await runReplayCommand(['--from', recording.from, '--to', recording.to, ...extra], {
    env: recording.env,
    log: silentLogger,
    write: (line) => out.push(line),
  });
  return { run, out };
};

describe('npm run replay, on a recorded live run', () => {
  let recording: Recording;
  beforeAll(async () => {
    recording = await recordLiveRun();
  }, STACK_START_MS * 2);
  afterAll(() => recording && rm(recording.dataDir, { recursive: true, force: true }));

  it('reproduces every recorded decision field for field, timestamps aside', async () => {
    const { run, out } = await replay(recording);
    const { rows } = run.comparison;
    expect(run.comparison.intents).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.recorded !== null).length).toBeGreaterThanOrEqual(7);
    expect(rows.filter((r) => r.differences.length > 0)).toEqual([]);
    expect(out.at(-1)).toBe(`replay: ${run.comparison.intents} intents, 0 decisions differ`);
  });

  it('with --env of a tighter limit, prints the decisions that differ side by side', async () => {
    const envFile = join(recording.dataDir, 'tight.env');
    await writeFile(envFile, '# a hundredth of the leverage limit\nRISK_MAX_GROSS_LEVERAGE=0.01\n');
    const { run, out } = await replay(recording, ['--env', envFile]);
    const differing = run.comparison.rows.filter((r) => r.differences.length > 0);
    expect(differing).toContainEqual(
      expect.objectContaining({
        action: 'buy',
        recorded: expect.objectContaining({ status: 'approved' }),
        replayed: expect.objectContaining({ status: 'vetoed', reason_codes: ['GROSS_LEVERAGE_EXCEEDED'] }),
      }),
    );
    // The header, one line per differing decision (recorded beside replayed), the summary
    expect(out).toHaveLength(differing.length + 2);
    expect(out[0]).toMatch(/RECORDED\s+REPLAYED/);
    expect(out.at(-1)).toBe(
      `replay: ${run.comparison.intents} intents, ${run.comparison.differing} decisions differ`,
    );
  });
});
