import { describe, expect, it } from 'vitest';
import { createMemoryOnceMarks } from './memory-once-marks.ts';
import { describeOnceMarksContract } from './once-marks.contract.ts';

describeOnceMarksContract('createMemoryOnceMarks', () =>
  Promise.resolve({ once: createMemoryOnceMarks(), dispose: () => Promise.resolve() }),
);

describe('createMemoryOnceMarks', () => {
  it('lists the held marks', async () => {
    const once = createMemoryOnceMarks();
    await once.claim('engine', 'intent:1', 60);
    expect(once.keys()).toEqual(['engine:intent:1']);
  });
});
