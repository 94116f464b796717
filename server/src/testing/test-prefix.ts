import { randomUUID } from 'node:crypto';

/** A fresh key prefix for one test, `test-<uuid>`, so tests never see one another's keys. */
export const testPrefix = (): string => `test-${randomUUID()}`;
