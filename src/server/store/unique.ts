const UNIQUE_VIOLATION = "23505";

/** Whether a statement failed on a unique constraint (a name or e-mail that is taken). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === UNIQUE_VIOLATION;
}
