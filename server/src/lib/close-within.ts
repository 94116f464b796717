/** One part of a process to close (the gateway, a service, the bus), by the name the log gives it. */
export interface ClosablePart {
  name: string;
  close(): Promise<unknown>;
}

/** How closing ended: every part closed (failures included), or the deadline passed first. */
export type CloseOutcome =
  | { kind: 'closed'; failures: { name: string; error: unknown }[] }
  | { kind: 'timed-out'; stillClosing: string[]; notStarted: string[] };

/**
 * Closes the stages in order (the parts of one stage at once) under one deadline for the whole:
 * a part that never settles (a command queued for a Redis that is gone) cannot hold the process
 * past `timeoutMs`; the outcome then names the parts still closing and those not yet reached.
 */
export async function closeWithin(
  stages: readonly (readonly ClosablePart[])[],
  timeoutMs: number,
): Promise<CloseOutcome> {
  const closing = new Set<string>();
  const started = new Set<string>();
  const failures: { name: string; error: unknown }[] = [];
  const closeOne = async (part: ClosablePart): Promise<void> => {
    closing.add(part.name);
    started.add(part.name);
    try {
      await part.close();
    } catch (error) {
      failures.push({ name: part.name, error });
    } finally {
      closing.delete(part.name);
    }
  };
  const all = (async () => {
    for (const stage of stages) await Promise.all(stage.map(closeOne));
  })();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  try {
    const first = await Promise.race([all.then(() => 'closed' as const), deadline]);
    if (first === 'closed') return { kind: 'closed', failures };
    const notStarted = stages
      .flat()
      .filter((part) => !started.has(part.name))
      .map((part) => part.name);
    return { kind: 'timed-out', stillClosing: [...closing], notStarted };
  } finally {
    clearTimeout(timer);
  }
}
