import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { createMemoryOnceMarks } from './memory-once-marks.ts';
import { describeOnceMarksContract } from './once-marks.contract.ts';

describeOnceMarksContract('createMemoryOnceMarks', () => {
  const bus = new InMemoryBus();
  return Promise.resolve({
    once: createMemoryOnceMarks(bus),
    read: (name) => Promise.resolve(bus.published(name)),
    dispose: () => bus.close(),
  });
});
