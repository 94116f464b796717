/** The quant benchmark's timer: interleaved rounds in rotated order, median rate per task. */

/** One thing to time: `fn` does `n` operations and returns a number derived from every result. */
export interface Task {
  n: number;
  fn: () => number;
  rates: number[];
}

let sink = 0;

/**
 * CPU time of this process in ms (user + system). Rates are per CPU-second, not per wall-clock second: on a
 * shared machine the time other processes hold the cores would otherwise count against whichever library
 * happened to be running, which is noise that no number of rounds removes.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A task list that `measure` times side by side. */
export function taskList(): { tasks: Task[]; task: (n: number, fn: () => number) => Task } {
  const tasks: Task[] = [];
  return {
    tasks,
    task: (n, fn) => {
      const t: Task = { n, fn, rates: [] };
      tasks.push(t);
      return t;
    },
  };
}

/**
 * Times every task fairly against the others: each is warmed up first (so every library runs optimised
 * code), then `rounds` rounds run all tasks, each round in a different order (rotated, and reversed every
 * other round, so that nobody always runs first, last or after the same neighbour); a sample repeats the task
 * until `minMs` of CPU time has passed. Every result is folded into the returned number, which goes to `sink`, so no work
 * can be optimised away, and the accumulator is a local (a module-level `sink +=` per operation would box a
 * heap number per operation and time the harness, not the library). The rate of a task is the median of its
 * rounds.
 */
export function measure(tasks: Task[], { rounds, minMs }: { rounds: number; minMs: number }): void {
  for (const t of tasks) for (let i = 0; i < 3; i++) sink += t.fn();
  for (let r = 0; r < rounds; r++) {
    const order = tasks.map((_t, k) => tasks[(k + r * 3) % tasks.length] as Task);
    if (r % 2 === 1) order.reverse();
    for (const t of order) {
      let ops = 0;
      const t0 = cpuMs();
      let dt = 0;
      do {
        sink += t.fn();
        ops += t.n;
        dt = cpuMs() - t0;
      } while (dt < minMs);
      t.rates.push(ops / (dt / 1000));
    }
  }
  if (sink === 42) console.log('');
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Median rate of a task, operations per second. */
export const rate = (t: Task): number => median(t.rates);
