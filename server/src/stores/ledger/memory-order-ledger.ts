import { createMemoryPaperPositions } from './memory-paper-positions.ts';
import { parseOutcome, type OrderLedger } from './order-ledger.ts';

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
    outcome(id) {
      const known = outcomes.get(id);
      return Promise.resolve(known === undefined ? null : parseOutcome(known));
    },
    savePosition: (p) => positions.save(p),
    loadPositions: () => positions.load(),
  };
}
