import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore.ts';

describe('Semaphore', () => {
  it('runs at most its limit of tasks at once, the others in turn, passing results and errors on', async () => {
    const semaphore = new Semaphore(2);
    const started: number[] = [];
    const finish: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const task = (n: number) => async () => {
      started.push(n);
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => (finish[n] = resolve));
      running -= 1;
      if (n === 3) throw new Error('task 3 failed');
      return n;
    };
    const results = [1, 2, 3, 4, 5].map((n) =>
      semaphore.run(task(n)).catch((error: unknown) => (error as Error).message),
    );

    await expect.poll(() => started).toEqual([1, 2]);
    finish[1]?.();
    await expect.poll(() => started).toEqual([1, 2, 3]);
    finish[3]?.();
    await expect.poll(() => started).toEqual([1, 2, 3, 4]);
    for (const n of [2, 4]) finish[n]?.();
    await expect.poll(() => started).toEqual([1, 2, 3, 4, 5]);
    finish[5]?.();

    expect(await Promise.all(results)).toEqual([1, 2, 'task 3 failed', 4, 5]);
    expect(most).toBe(2);
  });
});
