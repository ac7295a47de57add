import type { Database, Sql } from "../db";

/**
 * Holds a lock shared by every process of the service until the transaction ends: processes that
 * start together queue on it (the first seeds the demo, the others find it done).
 */
export async function lockForTransaction(tx: Sql, key: number): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1)", [key]);
}

/** Runs `read` in one transaction that sees one snapshot of the database throughout. */
export function inOneSnapshot<T>(db: Database, read: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    return read(tx);
  });
}
