import type { DeadLetterHandling, StreamInput } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { FakeClock, iso } from '../lib/clock.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

const tick = (price: number): StreamInput<'market.tick'> => ({
  symbol: 'BTC/USDT',
  price,
  volume: 1,
  bid: null,
  ask: null,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: {},
});

/** Appends a dead letter of `market.tick` with `raw` as its payload, as the bus would; returns its dlq id. */
const deadLetter = (
  server: TestServer,
  raw: string,
  reason: 'HANDLER_FAILED' | 'SCHEMA_MISMATCH' = 'HANDLER_FAILED',
) =>
  server.bus.publish('dlq', {
    source_stream: 'market.tick',
    source_entry_id: '1772442904120-0',
    group: 'engine',
    reason,
    error: reason === 'HANDLER_FAILED' ? 'broken handler' : 'price: Too small',
    raw,
    timestamp: '2026-03-02T09:15:05.000Z',
    metadata: {},
  });

const ticks = async (server: TestServer): Promise<number[]> =>
  (await server.bus.latest('market.tick', 100)).map((e) => e.message.price).reverse();

describe('dead letters', () => {
  it('lists them newest first for a viewer, paged, with payload and source', async () => {
    await using server = await startTestServer({ user: 'viewer' });
    const ids = [];
    for (const price of [1, 2, 3]) ids.push(await deadLetter(server, JSON.stringify(tick(price))));

    const first = await server.client.monitoring.deadLetters.query({ limit: 2 });
    expect(first.letters.map((l) => l.id)).toEqual([ids[2], ids[1]]);
    expect(first.letters[0]).toEqual({
      id: ids[2],
      reason: 'HANDLER_FAILED',
      error: 'broken handler',
      source_stream: 'market.tick',
      source_entry_id: '1772442904120-0',
      group: 'engine',
      payload: JSON.stringify(tick(3)),
      timestamp: '2026-03-02T09:15:05.000Z',
      handling: null,
    });
    expect(first.next_before).toBe(ids[1]);
    const second = await server.client.monitoring.deadLetters.query({ limit: 2, before: ids[1] });
    expect(second).toEqual({ letters: [expect.objectContaining({ id: ids[0] })], next_before: null });
  });

  it('requeues the payload to its source stream once, and the letter shows who requeued it', async () => {
    const clock = new FakeClock();
    await using server = await startTestServer({ clock, user: 'admin' });
    const id = await deadLetter(server, JSON.stringify(tick(42)));

    const row = await server.client.monitoring.requeueDeadLetter.mutate({ id });

    const [entry] = await server.bus.latest('market.tick', 10);
    expect(await ticks(server)).toEqual([42]);
    expect(entry?.message).toMatchObject(tick(42));
    const handling: DeadLetterHandling = {
      action: 'requeued',
      by: 'admin',
      at: iso(clock.now()),
      requeued_entry_id: entry?.id ?? 'missing',
    };
    expect(row).toMatchObject({ id, handling });
    const listed = await server.client.monitoring.deadLetters.query();
    expect(listed.letters).toEqual([expect.objectContaining({ id, handling })]);
    await expect(server.client.monitoring.requeueDeadLetter.mutate({ id })).rejects.toMatchObject({
      message: `dead letter ${id} was already requeued by admin at ${handling.at} (as entry ${entry?.id})`,
      data: { code: 'CONFLICT' },
    });
    await expect(server.client.monitoring.discardDeadLetter.mutate({ id })).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
    });
    expect(await ticks(server)).toEqual([42]);
  });

  it('publishes once when two admins requeue the same letters at once; the other gets CONFLICT', async () => {
    await using server = await startTestServer({ user: 'admin' });
    const one = await server.createClient({ user: 'admin' });
    const two = await server.createClient({ user: 'admin' });
    const prices = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const ids: string[] = [];
    for (const price of prices) ids.push(await deadLetter(server, JSON.stringify(tick(price))));

    const outcomes = await Promise.all(
      ids.map((id) =>
        Promise.allSettled([
          one.client.monitoring.requeueDeadLetter.mutate({ id }),
          two.client.monitoring.requeueDeadLetter.mutate({ id }),
        ]),
      ),
    );

    for (const pair of outcomes) {
      expect(pair.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = pair.find((o) => o.status === 'rejected');
      expect(refused?.reason).toMatchObject({
        message: expect.stringMatching(/was already requeued by admin at /),
        data: { code: 'CONFLICT' },
      });
    }
    expect((await ticks(server)).sort((a, b) => a - b)).toEqual(prices);
  });

  it('claims a handling once among concurrent claims (the store)', async () => {
    await using server = await startTestServer({ user: 'viewer' });
    const handling = (by: string): DeadLetterHandling => ({
      action: 'discarded',
      by,
      at: '2026-03-02T09:15:05.000Z',
      requeued_entry_id: null,
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => server.stores.deadLetters.claim('5-0', handling(`admin${i}`))),
    );
    const winners = results.flatMap((r, i) => (r === null ? [i] : []));
    expect(winners).toHaveLength(1);
    const winner = handling(`admin${winners[0]}`);
    expect(results.filter((r) => r !== null)).toEqual(Array.from({ length: 19 }, () => winner));
  });

  it('discards without publishing, and the letter shows who discarded it', async () => {
    await using server = await startTestServer({ user: 'admin' });
    const id = await deadLetter(server, JSON.stringify(tick(7)));

    const row = await server.client.monitoring.discardDeadLetter.mutate({ id });

    expect(row.handling).toMatchObject({ action: 'discarded', by: 'admin', requeued_entry_id: null });
    expect(await ticks(server)).toEqual([]);
    await expect(server.client.monitoring.requeueDeadLetter.mutate({ id })).rejects.toMatchObject({
      message: expect.stringMatching(new RegExp(`^dead letter ${id} was already discarded by admin at `)),
      data: { code: 'CONFLICT' },
    });
    expect(await ticks(server)).toEqual([]);
  });

  it('refuses a payload still invalid for its stream and keeps the letter unhandled', async () => {
    await using server = await startTestServer({ user: 'admin' });
    const id = await deadLetter(server, '{"symbol":"BTC/USDT","price":-5}', 'SCHEMA_MISMATCH');
    const notJson = await deadLetter(server, '{not json', 'SCHEMA_MISMATCH');

    await expect(server.client.monitoring.requeueDeadLetter.mutate({ id })).rejects.toMatchObject({
      message: expect.stringMatching(
        new RegExp(
          `^dead letter ${id} cannot be requeued: its payload is still invalid for market\\.tick: price: `,
        ),
      ),
      data: { code: 'BAD_REQUEST' },
    });
    await expect(server.client.monitoring.requeueDeadLetter.mutate({ id: notJson })).rejects.toMatchObject({
      message: expect.stringMatching(/cannot be requeued: its payload is not JSON/),
      data: { code: 'BAD_REQUEST' },
    });
    expect(await ticks(server)).toEqual([]);
    const listed = await server.client.monitoring.deadLetters.query();
    expect(listed.letters.map((l) => [l.id, l.handling])).toEqual([
      [notJson, null],
      [id, null],
    ]);
    // Still there to discard
    await server.client.monitoring.discardDeadLetter.mutate({ id });
  });

  it('is NOT_FOUND for an unknown id, BAD_REQUEST for a malformed one', async () => {
    await using server = await startTestServer({ user: 'admin' });
    for (const call of [
      server.client.monitoring.requeueDeadLetter,
      server.client.monitoring.discardDeadLetter,
    ]) {
      await expect(call.mutate({ id: '1-0' })).rejects.toMatchObject({
        message: 'no dead letter 1-0 (unknown, or trimmed from the dlq stream)',
        data: { code: 'NOT_FOUND' },
      });
      await expect(call.mutate({ id: 'abc' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    }
  });

  it('refuses a trader FORBIDDEN, and leaves the letter as it was', async () => {
    await using server = await startTestServer({ user: 'trader' });
    const id = await deadLetter(server, JSON.stringify(tick(9)));

    for (const call of [
      server.client.monitoring.requeueDeadLetter,
      server.client.monitoring.discardDeadLetter,
    ])
      await expect(call.mutate({ id })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });

    expect(await ticks(server)).toEqual([]);
    expect((await server.client.monitoring.deadLetters.query()).letters[0]?.handling).toBeNull();
  });
});
