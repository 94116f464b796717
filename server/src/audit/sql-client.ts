/** The part of a Postgres driver the audit store uses; PGlite and node-postgres both fit behind it. */
export interface SqlClient {
  /** One parameterised statement */
  query(text: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Several statements without parameters (migrations) */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}
