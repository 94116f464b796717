/**
 * SQLSTATE classes that blame the rows, not the connection: data exception (22), integrity
 * constraint (23), syntax or access rule (42). Retrying such a batch unchanged cannot help.
 */
const ROW_ERROR_CLASSES = ['22', '23', '42'];

/**
 * Whether the store refused the data itself (a Postgres error with one of the SQLSTATE classes
 * above), as opposed to being unreachable or failing for a reason a retry may fix.
 */
export function isRowError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  return (
    typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && ROW_ERROR_CLASSES.includes(code.slice(0, 2))
  );
}
