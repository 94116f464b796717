import { STREAM_NAMES } from '@gamma/shared';
import calculateSlot from 'cluster-key-slot';
import { describe, expect, it } from 'vitest';
import {
  KEY_FAMILIES,
  keyTable,
  ONCE_SCOPES,
  SCRIPT_KEYS,
  streamKey,
  TRANSACTION_KEYS,
  type KeyTable,
} from './key-table.ts';

const PREFIXES = ['glm', 'test-4f1c2a9e-7d3b-4e8a-9c61-0b2d5e7f8a13', 'desk.b'];
const IDS = ['intent-1', 'a{b}c', '1772442904120-0', 'x:y'];

/** One sample key of each family, built through the table. */
const sampleKeys = (keys: KeyTable, id: string): Record<keyof KeyTable, string> => ({
  stream: keys.stream('intent.approval'),
  approval: keys.approval(id),
  pendingApprovals: keys.pendingApprovals(),
  reservations: keys.reservations(),
  reservationExpiry: keys.reservationExpiry(),
  reservationFill: keys.reservationFill(id),
  riskBook: keys.riskBook(),
  riskBookMeta: keys.riskBookMeta(),
  capacity: keys.capacity(),
  once: keys.once('engine', id),
  effectDone: keys.effectDone('intent.approval', 'decision', id),
  paperOrder: keys.paperOrder(id),
  paperPositions: keys.paperPositions(),
  peakEquity: keys.peakEquity(),
  tradingState: keys.tradingState(),
  tradingStateOutbox: keys.tradingStateOutbox(),
  snapshot: keys.snapshot('engine'),
  dayStartEquity: keys.dayStartEquity('2026-03-02'),
  lossStreaks: keys.lossStreaks(),
  session: keys.session(id),
  userSessions: keys.userSessions('alice'),
  loginFailures: keys.loginFailures('user:alice', 29_540_701),
  deadLettersHandled: keys.deadLettersHandled(),
  busCounts: keys.busCounts(29_540_701),
  busTotals: keys.busTotals(),
  services: keys.services(),
  alertAcks: keys.alertAcks(),
  lease: keys.lease(id),
  leaseMembers: keys.leaseMembers(id),
});

describe('the key table', () => {
  it('lists every key family it builds', () => {
    expect(Object.keys(KEY_FAMILIES).sort()).toEqual(Object.keys(keyTable('glm')).sort());
  });

  it('keeps stream keys <prefix>:<name>, the wire contract', () => {
    for (const name of STREAM_NAMES) expect(keyTable('glm').stream(name)).toBe(`glm:${name}`);
    expect(streamKey('glm', 'market.tick')).toBe('glm:market.tick');
  });

  it('puts every key of every family under its prefix, distinct per family', () => {
    for (const prefix of PREFIXES) {
      const keys = Object.values(sampleKeys(keyTable(prefix), 'intent-1'));
      for (const key of keys) expect(key.startsWith(`${prefix}:`)).toBe(true);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('keeps the record keys the services always used, tagged families aside', () => {
    const keys = keyTable('glm');
    expect(keys.approval('i-1')).toBe('glm:approval:{glm:intent.approval}:i-1');
    expect(keys.pendingApprovals()).toBe('glm:approvals:{glm:intent.approval}:pending');
    expect(keys.reservations()).toBe('glm:engine:{glm:reservations}');
    expect(keys.reservationExpiry()).toBe('glm:engine:{glm:reservations}:expiry');
    expect(keys.reservationFill('1-0')).toBe('glm:engine:{glm:reservations}:fill:1-0');
    expect(keys.riskBook()).toBe('glm:engine:{glm:reservations}:book');
    expect(ONCE_SCOPES.map((scope) => keys.once(scope, 'k'))).toEqual([
      'glm:engine:k',
      'glm:exec:k',
      'glm:order:k',
      'glm:decision:k',
      'glm:trading_state:k',
    ]);
    expect(keys.effectDone('intent.decision', 'decision', 'i-1:approved')).toBe(
      'glm:done:{glm:intent.decision}:decision:i-1:approved',
    );
    expect(keys.paperOrder('i-1-0')).toBe('glm:order:{glm:paper:positions}:i-1-0');
    expect(keys.paperPositions()).toBe('glm:paper:positions');
    expect(keys.peakEquity()).toBe('glm:risk:peak_equity');
    expect(keys.snapshot('risk-service')).toBe('glm:snapshot:risk-service');
    expect(keys.tradingState()).toBe('glm:risk:{glm:reservations}:trading_state');
    expect(keys.tradingStateOutbox()).toBe('glm:risk:{glm:reservations}:trading_state:outbox');
    expect(calculateSlot(keys.tradingState())).toBe(calculateSlot(keys.reservations()));
    expect(keys.busCounts(29_540_701)).toBe('glm:bus_counts:29540701');
    expect(keys.busTotals()).toBe('glm:bus_totals');
    expect(keys.services()).toBe('glm:services');
  });

  it('gives each desk its own reservations slot tag, so desks spread over a cluster', () => {
    expect(keyTable('desk-a').reservations()).toContain('{desk-a:reservations}');
    expect(keyTable('desk-b').reservations()).toContain('{desk-b:reservations}');
  });

  describe('the slot rule', () => {
    it('lands every key one script touches in one Redis Cluster slot', () => {
      for (const prefix of PREFIXES) {
        for (const id of IDS) {
          for (const [script, keysOf] of Object.entries(SCRIPT_KEYS)) {
            const slots = new Set(keysOf(keyTable(prefix), id).map((key) => calculateSlot(key)));
            expect({ script, prefix, id, slots: slots.size }).toEqual({ script, prefix, id, slots: 1 });
          }
        }
      }
    });

    it('gives each script a key of every family it is listed with, and only those', () => {
      const keys = keyTable('glm');
      const samples = sampleKeys(keys, 'intent-1');
      for (const [script, keysOf] of Object.entries(SCRIPT_KEYS)) {
        const touched = keysOf(keys, 'intent-1');
        const families = Object.entries(KEY_FAMILIES)
          .filter(([, scripts]) => (scripts as readonly string[]).includes(script))
          .map(([family]) => samples[family as keyof KeyTable]);
        expect(touched.sort()).toEqual(families.sort());
      }
    });

    it('keeps an effect done-mark in the slot of every stream it may append to', () => {
      for (const prefix of PREFIXES)
        for (const name of STREAM_NAMES)
          for (const scope of ONCE_SCOPES) {
            const keys = SCRIPT_KEYS.effectAppend(keyTable(prefix), 'a{b}c', name, scope);
            expect(new Set(keys.map((key) => calculateSlot(key))).size).toBe(1);
          }
    });

    it('lands the keys of every multi-key transaction in one slot', () => {
      const slotsOf = (keys: readonly string[]) => new Set(keys.map((key) => calculateSlot(key))).size;
      for (const prefix of PREFIXES)
        for (const id of IDS) {
          const keys = keyTable(prefix);
          expect(slotsOf(TRANSACTION_KEYS.sessionCreate(keys, id, `user-${id}`))).toBe(1);
          const subjects = [`user:${id}`, 'addr:::1', 'addr:10.0.0.7', `user:{${id}}`];
          expect(slotsOf(TRANSACTION_KEYS.loginFailures(keys, subjects, 29_540_701))).toBe(1);
        }
    });

    it('would fail a script whose keys had no shared tag', () => {
      const untagged = ['glm:approval:i-1', 'glm:approvals:pending', 'glm:intent.approval'];
      expect(new Set(untagged.map((key) => calculateSlot(key))).size).toBeGreaterThan(1);
    });
  });
});
