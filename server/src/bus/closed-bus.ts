import type { StreamName } from '@gamma/shared';
import { InvalidStateError } from '../errors/index.ts';

/** Throws once the bus is closed: a closed bus takes no new work (`action` e.g. `publish to`). */
export function assertBusOpen(closing: AbortSignal, action: string, name: StreamName): void {
  if (closing.aborted) throw new InvalidStateError(`Cannot ${action} ${name}: the bus is closed`);
}
