import fs from "node:fs";
import path from "node:path";
import { createTenant, createUser, issueToken } from "./auth/accounts";
import { restoreInTransaction } from "./backup";
import type { Database } from "./db";
import { buildDemoModel } from "./demo";
import { lockForTransaction } from "./store/database";
import { hasTenants } from "./store/tenants";

export const DEMO_TENANT = "Demo";
export const DEMO_ADMIN_EMAIL = "demo-admin@example.com";
export const DEMO_TOKEN_FILE = "demo-token.txt";

/** Instances starting together on one PostgreSQL queue here; the first seeds, the others find it done. */
const SEED_LOCK = 7_351_003;

/**
 * On a database without any tenant: the tenant "Demo", its admin user, the demo model's versions
 * (restored from their backup documents) and an admin token, all in one transaction. Returns the
 * token, or null when the database already had data.
 */
export async function seedDemo(db: Database): Promise<string | null> {
  if (await hasTenants(db)) return null;
  // The demo's published version is published when the demo is first started, the day it is
  // created, so that the pane never shows it published before it existed.
  const seededAt = new Date().toISOString();
  const documents = (await buildDemoModel()).map((doc) =>
    doc.version.publishedAt === null ? doc : { ...doc, version: { ...doc.version, publishedAt: seededAt } },
  );
  return db.transaction(async (tx) => {
    await lockForTransaction(tx, SEED_LOCK);
    if (await hasTenants(tx)) return null;
    const actor = { userId: null, via: "first start" };
    const tenant = await createTenant(tx, DEMO_TENANT, actor);
    const admin = await createUser(
      tx,
      tenant.id,
      { email: DEMO_ADMIN_EMAIL, name: "Demo Admin", role: "admin" },
      actor,
    );
    for (const doc of documents) await restoreInTransaction(db, tx, tenant.id, doc, admin.id);
    const issued = await issueToken(tx, tenant.id, admin.id, { label: "demo admin (first start)" }, actor);
    return issued.token;
  });
}

/** Keeps the demo token where a newcomer finds it, readable by this user only. */
export function saveDemoToken(dataDir: string, token: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, DEMO_TOKEN_FILE);
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
