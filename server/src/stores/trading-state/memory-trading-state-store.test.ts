import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { createMemoryOnceMarks } from '../once/memory-once-marks.ts';
import { createMemoryTradingStateStore, memoryTradingStateData } from './memory-trading-state-store.ts';
import { describeTradingStateStoreContract } from './trading-state-store.contract.ts';

describeTradingStateStoreContract('createMemoryTradingStateStore', () => {
  const bus = new InMemoryBus();
  const once = createMemoryOnceMarks(bus);
  const data = memoryTradingStateData();
  return Promise.resolve({
    open: (marks = once) => createMemoryTradingStateStore(marks, data),
    once,
    events: () => Promise.resolve(bus.published('risk.trading_state')),
    dispose: () => bus.close(),
  });
});
