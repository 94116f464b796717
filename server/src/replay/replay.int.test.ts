import { STREAM_NAMES } from '@gamma/shared';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { externalIntent, STACK_START_MS, startStack } from '../testing/start-stack.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { runReplayCommand, type ReplayRun } from './replay-command.ts';

/** Every action but `buy_straddle` is approved automatically; buy straddles wait for the trader. */
const SETTINGS = {
  APPROVAL_MODE: 'manual',
  AUTO_APPROVE_ACTIONS: 'sell_straddle,buy_strangle,sell_strangle,delta_hedge,buy,sell,close',
  APPROVAL_TTL_S: '60',
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
const until = (what: string, check: () => Promise<boolean>) =>
  vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`still waiting for ${what}`);
    },
    { timeout: 30_000, interval: 100 },
  );

/** Runs the whole stack recording into a PGlite folder, with trader approvals and a veto, then stops it. */
async function recordLiveRun(): Promise<Recording> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gamma-replay-'));
  const startedAt = Date.now();
  const from = new Date(startedAt - 1_000).toISOString();
  const stack = await startStack({ ...SETTINGS, DATA_DIR: dataDir });
  const intents = [
    externalIntent({ action: 'buy', symbol: 'BTC/USDT', intent_type: 'rebalance', quantity: 0.01 }),
    externalIntent(),
    externalIntent(),
    externalIntent({
      action: 'sell',
      direction: 'sell',
      symbol: 'ETH/USDT',
      intent_type: 'rebalance',
      quantity: 5000,
    }),
    externalIntent({ action: 'buy', symbol: 'BTC/USDT', intent_type: 'rebalance', quantity: 0.02 }),
  ];
  const [, approveMe, vetoMe] = intents.map((i) => i.intent_id);
  for (const intent of intents) await stack.bus.publish('strategy.intent', intent);
  const pending = async () => (await stack.client.approvals.pending.query()).map((p) => p.intent.intent_id);
  await until('both straddles pending', async () => {
    const ids = await pending();
    return ids.includes(approveMe as string) && ids.includes(vetoMe as string);
  });
  await stack.client.approvals.approve.mutate({ intent_id: approveMe as string });
  await stack.client.approvals.veto.mutate({ intent_id: vetoMe as string, reason: 'too close to expiry' });
  const decided = async () => (await stack.read('intent.decision')).length;
  await until('7 decisions', async () => (await decided()) >= 7);
  await until('the approved straddle filled', async () =>
    (await stack.read('order.fill')).some((f) => f.intent_id === approveMe),
  );
  const decisions = await decided();
  // No new market data, then the recorder catches up: an entry it has not stored is not in the record
  await stack.stopService('market-simulator');
  await until('the audit recorder to catch up', async () => {
    const states = await Promise.all(STREAM_NAMES.map((name) => stack.groupState(name, 'audit-recorder')));
    return states.every((s) => s === null || (s.pending === 0 && s.lag === 0));
  });
  await stack.close();
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
  afterAll(() => rm(recording.dataDir, { recursive: true, force: true }));

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
