import { createMemoryOrderLedger } from './memory-order-ledger.ts';
import { describeOrderLedgerContract } from './order-ledger.contract.ts';

describeOrderLedgerContract('order ledger in memory', () => {
  const ledger = createMemoryOrderLedger();
  return Promise.resolve({ ledger, reopen: () => ledger, dispose: () => Promise.resolve() });
});
