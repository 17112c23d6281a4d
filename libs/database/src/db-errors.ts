/** True when a write failed on a unique constraint, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function uniqueConstraintName(error: unknown): string | undefined {
  const e = error as { constraint?: string; driverError?: { constraint?: string; message?: string } };
  return e?.driverError?.constraint ?? e?.constraint;
}
