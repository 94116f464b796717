/**
 * The base of every error the server throws on purpose. Each subclass lives in its own file, sets `name`
 * and a stable `code`, and maps to one tRPC code in `to-trpc-error.ts`.
 */
export abstract class AppError extends Error {
  /** Stable, SCREAMING_SNAKE: logs and tests match on it, never on the message */
  abstract readonly code: string;
}
