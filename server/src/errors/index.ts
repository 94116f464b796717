/**
 * The error classes of the server (CONVENTIONS §12), one per file, each with a `name` and a stable `code`.
 *
 * Rules, enforced by lint (eslint.config.js, the `errors/*` rules and `only-throw-error`):
 * - Business rejections are not errors: they are events with a reason code (shared/src/reason-codes.ts).
 * - Server code throws (and rejects with) only these classes: `extends Error` appears only in this
 *   folder, and `new Error(…)` is banned in server/src outside tests and test helpers (`testing/`).
 * - `@gamma/shared` keeps the built-in `RangeError` / `TypeError` for invalid numeric input to its pure
 *   functions (quant, builders): it depends on zod only and cannot import these classes.
 * - tRPC procedures throw these classes; `toTRPCError` in `to-trpc-error.ts` (the only `new TRPCError`)
 *   maps them once, in the middleware of `trpc/init.ts`. It is not re-exported here, so pure cores can
 *   import the classes without pulling in tRPC.
 */
export { AppError } from './app-error.ts';
export { ConfigError } from './config-error.ts';
export { ConflictError } from './conflict-error.ts';
export { ForbiddenError } from './forbidden-error.ts';
export { InfrastructureError } from './infrastructure-error.ts';
export { InvalidInputError } from './invalid-input-error.ts';
export { InvalidStateError } from './invalid-state-error.ts';
export { InvariantError } from './invariant-error.ts';
export { NotFoundError } from './not-found-error.ts';
export { TooManyRequestsError } from './too-many-requests-error.ts';
export { UnauthorizedError } from './unauthorized-error.ts';
