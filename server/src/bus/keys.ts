import type { StreamName } from '@gamma/shared';

/** The Redis key of a stream: `<prefix>:<name>`. The only place a stream key is built. */
export const streamKey = (prefix: string, name: StreamName): string => `${prefix}:${name}`;

/** The Redis key of any other prefixed record, e.g. `approval:<intent_id>`. */
export const recordKey = (prefix: string, ...parts: string[]): string => [prefix, ...parts].join(':');
