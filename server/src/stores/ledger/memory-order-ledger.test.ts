import { createMemoryOnceMarks } from '../once/memory-once-marks.ts';
import { createMemoryPaperPositions } from './memory-paper-positions.ts';
import { describeOrderLedgerContract } from './order-ledger.contract.ts';
import { createOrderLedger } from './order-ledger.ts';

describeOrderLedgerContract('order ledger in memory', () => {
  const once = createMemoryOnceMarks();
  const positions = createMemoryPaperPositions();
  return Promise.resolve({
    ledger: createOrderLedger(once, positions),
    reopen: () => createOrderLedger(once, positions),
    dispose: () => Promise.resolve(),
  });
});
