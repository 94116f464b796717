import { createMemoryPaperPositions } from './memory-paper-positions.ts';
import { parseOutcome, positionField, type OrderLedger } from './order-ledger.ts';

/** The ledger in memory (unit tests; one process): outcome and position change in one synchronous step. */
export function createMemoryOrderLedger(): OrderLedger {
  const outcomes = new Map<string, string>();
  const positions = createMemoryPaperPositions();
  return {
    async book(id, outcome, position) {
      const known = outcomes.get(id);
      if (known !== undefined) return { first: false, outcome: parseOutcome(known) };
      outcomes.set(id, JSON.stringify(outcome));
      // The memory positions save synchronously before their first await
      if (position) await positions.save(position);
      return { first: true, outcome };
    },
    async bookFrom(id, outcome, move) {
      const known = outcomes.get(id);
      if (known !== undefined) return { first: false, outcome: parseOutcome(known) };
      const now = (await positions.load()).find((p) => positionField(p) === positionField(move.position));
      if ((now ? JSON.stringify(now) : '') !== move.version) return null;
      outcomes.set(id, JSON.stringify(outcome));
      await positions.save(move.position);
      return { first: true, outcome };
    },
    async positionOf(strategyId, symbol) {
      const now = (await positions.load()).find((p) => p.strategyId === strategyId && p.symbol === symbol);
      return now ? { position: now, version: JSON.stringify(now) } : { position: null, version: '' };
    },
    outcome(id) {
      const known = outcomes.get(id);
      return Promise.resolve(known === undefined ? null : parseOutcome(known));
    },
    savePosition: (p) => positions.save(p),
    loadPositions: () => positions.load(),
  };
}
