import { type ModelVersionDocument as Document, ModelVersionDocument } from "../../src/contract/model";
import { Decimal } from "../../src/engine/decimal";
import { createTenant, createUser } from "../../src/server/auth/accounts";
import { restoreDocument } from "../../src/server/backup";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "../../src/server/db";
import { buildDemoModel } from "../../src/server/demo";
import { publishVersion } from "../../src/server/publish";

let documents: Document[];
beforeAll(async () => {
  documents = await buildDemoModel();
});

const total = (amounts: readonly string[]): Decimal => amounts.reduce((t, a) => t.plus(a), new Decimal(0));
/** The billing rows of the FOCUS sample: cloud cost lines without a GL account. */
const isCloudBilling = (l: Document["costLines"][number]): boolean =>
  l.pool === "Cloud Services" && l.account === undefined;
const namesOf = (doc: Document, dimension: string): Set<string> =>
  new Set(doc.members.filter((m) => m.dimension === dimension).map((m) => m.name));

describe("demo model", () => {
  it("is a published version and a draft, each a valid backup document", () => {
    expect(documents.map((d) => [d.version.label, d.version.status, d.version.publishedAt])).toEqual([
      ["FY2026-27 v1", "published", "2026-11-06T17:00:00.000Z"],
      ["FY2026-27 v2 (draft)", "draft", null],
    ]);
    for (const doc of documents) {
      expect(ModelVersionDocument.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    }
  });

  it("comes out the same on every build", async () => {
    const again = await buildDemoModel();
    expect(JSON.stringify(again)).toBe(JSON.stringify(documents));
  });

  it("has the TBM towers under their domains and a dozen business units", () => {
    const doc = documents[0];
    const parentOf = new Map(
      doc.members.filter((m) => m.dimension === "tower").map((m) => [m.name, m.parent]),
    );
    expect(parentOf.get("Compute")).toBe("Infrastructure Domain");
    expect(parentOf.get("Data")).toBe("Application Domain");
    expect(parentOf.get("Risk & Compliance")).toBe("Operations Domain");
    expect(parentOf.get("End User")).toBe("Field & Office Domain");
    const units = doc.members.filter(
      (m) => m.dimension === "consumer" && m.parent !== null && m.parent !== "Cloud Business Units",
    );
    expect(units).toHaveLength(12);
    const keys = doc.members.map((m) => `${m.dimension}/${m.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("names only members and scenarios of the version in its facts and rules", () => {
    for (const doc of documents) {
      const scenarios = new Set(doc.scenarios.map((s) => s.name));
      const missing: string[] = [];
      const check = (dimension: string, name: string | undefined): void => {
        if (name !== undefined && !namesOf(doc, dimension).has(name)) missing.push(`${dimension} ${name}`);
      };
      for (const line of doc.costLines) {
        check("pool", line.pool);
        check("account", line.account);
        check("tower", line.tower);
        check("service", line.service);
        check("consumer", line.consumer);
        if (!scenarios.has(line.scenario)) missing.push(`scenario ${line.scenario}`);
      }
      const targets = new Set([
        ...namesOf(doc, "tower"),
        ...namesOf(doc, "service"),
        ...namesOf(doc, "consumer"),
      ]);
      for (const q of doc.driverQuantities) {
        check("driver", q.driver);
        if (!targets.has(q.member)) missing.push(`member ${q.member}`);
      }
      const stageDimensions = {
        pool_to_tower: ["pool", "tower"],
        tower_to_service: ["tower", "service"],
        service_to_service: ["service", "service"],
        service_to_consumer: ["service", "consumer"],
      } as const;
      for (const rule of doc.rules) {
        const [source, target] = stageDimensions[rule.stage];
        check(source, rule.source);
        rule.targets.forEach((t) => check(target, t.member));
        check("driver", rule.driver);
        if (rule.method === "percent")
          expect(total(rule.targets.map((t) => t.percent ?? "")).toString()).toBe("100");
      }
      expect(missing).toEqual([]);
    }
  });

  it("has a rule for every place cost reaches, and driver volume wherever a driver rule must split cost", () => {
    const doc = documents[0];
    const rule = (stage: string, source: string) =>
      doc.rules.find((r) => r.stage === stage && r.source === source);
    const towers = new Set<string>();
    const services = new Set<string>();
    for (const line of doc.costLines) {
      if (line.consumer !== undefined) continue;
      if (line.service !== undefined) services.add(line.service);
      else if (line.tower !== undefined) towers.add(line.tower);
      else expect(rule("pool_to_tower", line.pool)).toBeDefined();
    }
    doc.rules
      .filter((r) => r.stage === "pool_to_tower")
      .forEach((r) => r.targets.forEach((t) => towers.add(t.member)));
    for (const tower of towers) expect(rule("tower_to_service", tower)).toBeDefined();
    doc.rules
      .filter((r) => r.stage !== "pool_to_tower")
      .forEach((r) => r.targets.forEach((t) => services.add(t.member)));
    const consumers = namesOf(doc, "consumer");
    for (const service of [...services].filter((s) => !consumers.has(s))) {
      const support = rule("service_to_service", service);
      const operating = rule("service_to_consumer", service);
      expect([service, support !== undefined || operating !== undefined]).toEqual([service, true]);
      expect([service, support !== undefined && operating !== undefined]).toEqual([service, false]);
    }
    const volume = new Map<string, Decimal>();
    for (const q of doc.driverQuantities) {
      const key = `${q.driver}|${q.member}|${q.scenario}|${q.period}`;
      volume.set(key, (volume.get(key) ?? new Decimal(0)).plus(q.quantity));
    }
    const months = new Set(doc.costLines.map((l) => `${l.scenario}|${l.period}`));
    for (const r of doc.rules.filter((x) => x.method === "driver")) {
      for (const month of months) {
        const sum = total(
          r.targets.map((t) => (volume.get(`${r.driver}|${t.member}|${month}`) ?? new Decimal(0)).toString()),
        );
        expect([r.source, month, sum.gt(0)]).toEqual([r.source, month, true]);
      }
    }
  });

  it("spends tens of millions a year, with Actual close to Budget and a seasonal payroll", () => {
    const doc = documents[0];
    const sumWhere = (scenario: string, prefix: string, pool?: string) =>
      total(
        doc.costLines
          .filter(
            (l) =>
              l.scenario === scenario &&
              l.period.startsWith(prefix) &&
              (pool === undefined || l.pool === pool),
          )
          .map((l) => l.amount),
      );
    const budget2026 = sumWhere("Budget", "2026");
    expect(budget2026.gt(40_000_000) && budget2026.lt(80_000_000)).toBe(true);
    expect(sumWhere("Budget", "2027").gt(budget2026)).toBe(true);
    const actualYtd = sumWhere("Actual", "2026");
    const budgetYtd = total(
      ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"].map((m) =>
        sumWhere("Budget", `2026-${m}`).toString(),
      ),
    );
    expect(actualYtd.div(budgetYtd).minus(1).abs().lt("0.05")).toBe(true);
    expect(
      sumWhere("Budget", "2026-03", "Internal Labor").gt(sumWhere("Budget", "2026-01", "Internal Labor")),
    ).toBe(true);
    expect(new Set(doc.costLines.filter((l) => l.scenario === "Actual").map((l) => l.period)).size).toBe(10);
    const ledger = doc.costLines.filter((l) => !isCloudBilling(l));
    expect(ledger.filter((l) => !/^-?\d+\.\d\d$/.test(l.amount))).toEqual([]);
  });

  it("carries the FOCUS sample's billing rows into Actual September 2026 with its business units as consumers", () => {
    const doc = documents[0];
    const cloud = doc.costLines.filter(isCloudBilling);
    expect(cloud).toHaveLength(1000);
    expect(
      cloud.every((l) => l.pool === "Cloud Services" && l.period === "2026-09" && l.scenario === "Actual"),
    ).toBe(true);
    const tagged = doc.members.filter(
      (m) => m.dimension === "consumer" && m.parent === "Cloud Business Units",
    );
    expect(tagged).toHaveLength(new Set(cloud.flatMap((l) => (l.consumer ? [l.consumer] : []))).size);
    expect(cloud.filter((l) => l.consumer !== undefined)).toHaveLength(660);
  });
});

describe("the demo model in the service", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: MEMORY_DATA_DIR });
  });
  afterAll(async () => {
    await db.close();
  });

  const rows = async <T>(sql: string, params: unknown[]): Promise<T[]> =>
    (await db.query<T>(sql, params)).rows;

  it("restores as the first start seeds it, publishes its draft, and hands every cent of every month to business units", async () => {
    const { tenantId, userId } = await db.transaction(async (tx) => {
      const tenant = await createTenant(tx, "Demo", { userId: null });
      const user = await createUser(
        tx,
        tenant.id,
        { email: "admin@example.com", name: "Admin", role: "admin" },
        { userId: null },
      );
      return { tenantId: tenant.id, userId: user.id };
    });
    const published: string[] = [];
    const draft: string[] = [];
    for (const doc of documents) {
      const { version } = await restoreDocument(db, tenantId, doc, userId);
      (doc.version.status === "published" ? published : draft).push(version.id);
    }
    expect((await publishVersion(db, { tenantId, versionId: draft[0], userId })).status).toBe("published");

    for (const versionId of [...published, ...draft]) {
      const unallocated = await rows(
        `SELECT l.scenario, l.period, round(l.total, 2)::text AS lines, a.total::text AS allocated
           FROM (SELECT scenario, period, sum(amount) AS total FROM cost_lines WHERE version_id = $1 GROUP BY 1, 2) l
           LEFT JOIN (SELECT scenario, period, sum(amount) AS total FROM allocation_results
                       WHERE version_id = $1 AND dimension = 'pool' GROUP BY 1, 2) a
             ON a.scenario = l.scenario AND a.period = l.period
          WHERE a.total IS DISTINCT FROM round(l.total, 2)`,
        [versionId],
      );
      expect(unallocated).toEqual([]);
      const unitsPerMonth = await rows<{ n: number }>(
        `SELECT count(DISTINCT r.consumer)::int AS n FROM allocation_results r
           JOIN members m ON m.version_id = r.version_id AND m.dimension = 'consumer' AND m.name = r.consumer
          WHERE r.version_id = $1 AND r.dimension = 'pool' AND m.parent <> 'Cloud Business Units'
          GROUP BY r.scenario, r.period`,
        [versionId],
      );
      expect(unitsPerMonth).toHaveLength(10 + 24 + 24);
      expect(unitsPerMonth.every((u) => u.n === 12)).toBe(true);
      const rated = await rows<{ n: number }>(
        "SELECT count(DISTINCT service)::int AS n FROM unit_rates WHERE version_id = $1",
        [versionId],
      );
      const servicesWithDriver = documents[0].members.filter(
        (m) => m.dimension === "service" && m.attributes.driver,
      );
      expect(rated[0].n).toBe(servicesWithDriver.length);
    }
  });
});
