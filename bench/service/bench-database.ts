import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ModelVersionDocument } from "../../src/contract/model";
import { createTenant, createUser } from "../../src/server/auth/accounts";
import { restoreDocument } from "../../src/server/backup";
import { type Database, openDatabase } from "../../src/server/db";

export interface BenchDatabase {
  db: Database;
  /** Closes the database and removes its folder. */
  dispose(): Promise<void>;
}

/** An embedded database in a fresh folder on disk, as `npm start` keeps one. */
export async function benchDatabase(): Promise<BenchDatabase> {
  const folder = mkdtempSync(path.join(tmpdir(), "itfm-bench-"));
  const db = await openDatabase({ dataDir: folder });
  return {
    db,
    dispose: async () => {
      await db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A tenant with an admin holding the document; returns the ids publishing needs. */
export async function storeForBench(
  db: Database,
  doc: ModelVersionDocument,
): Promise<{ tenantId: string; userId: string; versionId: string }> {
  const { tenantId, userId } = await db.transaction(async (tx) => {
    const tenant = await createTenant(tx, "Benchmark", { userId: null });
    const user = await createUser(
      tx,
      tenant.id,
      { email: "bench@example.com", name: "Bench", role: "admin" },
      { userId: null },
    );
    return { tenantId: tenant.id, userId: user.id };
  });
  const { version } = await restoreDocument(db, tenantId, doc, userId);
  return { tenantId, userId, versionId: version.id };
}

export const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
