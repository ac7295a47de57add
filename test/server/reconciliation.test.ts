import { Decimal } from "../../src/engine/decimal";
import type { ModelVersionDocument } from "../../src/contract/model";
import { MAX_QUERIES_PER_REQUEST, type QueryResult } from "../../src/contract/query";
import { createTenant, createUser } from "../../src/server/auth/accounts";
import { restoreDocument } from "../../src/server/backup";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "../../src/server/db";
import { buildDemoModel } from "../../src/server/demo";
import { computeResults } from "../../src/server/publish/compute";
import { loadVersionInputs } from "../../src/server/publish/inputs";
import { centsToText, parseFixed, toScale } from "../../src/engine/money";
import type { ExplainAnswer, ExplainLinesAnswer } from "../../src/contract/explain";
import { explainBreaks, leaves } from "../support/explain-tree";
import { deviationWatch, quarterOf, reconciliationBreaks } from "../support/reconciliation";
import { useTestServer } from "../support/server";
import { restore } from "./tenant-fixture";

/**
 * The demo model, checked exhaustively: every month and quarter of its three scenarios ties out in
 * every cut; then the showback tables a controller builds with ITFM.ALLOCATED, asked of the service.
 */
let documents: ModelVersionDocument[];
beforeAll(async () => {
  documents = await buildDemoModel();
});

describe("the demo model's ledger", () => {
  let db: Database;
  let owner: { tenantId: string; userId: string };
  beforeAll(async () => {
    db = await openDatabase({ dataDir: MEMORY_DATA_DIR });
    owner = await db.transaction(async (tx) => {
      const tenant = await createTenant(tx, "Demo", { userId: null });
      const user = await createUser(
        tx,
        tenant.id,
        { email: "a@example.com", name: "A", role: "admin" },
        { userId: null },
      );
      return { tenantId: tenant.id, userId: user.id };
    });
  });
  afterAll(async () => {
    await db.close();
  });

  for (const status of ["published", "draft"] as const) {
    test(`ties out to the cent in every cut, month and quarter (the ${status} version)`, async () => {
      const doc = documents.find((d) => d.version.status === status) as ModelVersionDocument;
      const { version } = await restoreDocument(db, owner.tenantId, doc, owner.userId);
      const watch = deviationWatch();
      const { results, problems } = computeResults(await loadVersionInputs(db, version.id), watch.observe);
      expect(problems).toEqual([]);
      const months = [...new Set(results.memberCosts.map((row) => row.period))].sort();
      const quarters = [...new Map(months.map((m) => [quarterOf(m).label, quarterOf(m)])).values()];
      expect(months.length).toBeGreaterThanOrEqual(12);
      for (const scenario of doc.scenarios.map((s) => s.name)) {
        for (const period of [...months.map((m) => ({ label: m, months: [m] })), ...quarters]) {
          expect(reconciliationBreaks(results, scenario, period)).toEqual([]);
        }
      }
      // Every traced amount is within a cent of its exact value (the margins allowed it everywhere).
      expect(watch.largest().cents).toBeLessThan(1);
      // Cloud lines tagged with a business unit pass no service: the services cut holds them as "Direct from".
      const direct = results.memberCosts.filter((row) => row.member.startsWith("Direct from "));
      expect(new Set(direct.map((row) => `${row.dimension} ${row.member}`)).size).toBeGreaterThan(0);
    });
  }
});

const cents = (result: QueryResult): bigint => {
  if (!("value" in result) || typeof result.value !== "string") throw new Error(JSON.stringify(result));
  return toScale(parseFixed(result.value), 2);
};

describe("a showback table built from ITFM.ALLOCATED", () => {
  const server = useTestServer("pglite");
  let token: string;
  /** The answers, a full batch at a time, as the add-in sends a large sheet's cells. */
  const ask = async (version: string, queries: Record<string, unknown>[]): Promise<QueryResult[]> => {
    const results: QueryResult[] = [];
    for (let i = 0; i < queries.length; i += MAX_QUERIES_PER_REQUEST) {
      const response = await server().call("POST", "/api/v1/query", {
        token,
        body: { model: "ITFM Demo", version, queries: queries.slice(i, i + MAX_QUERIES_PER_REQUEST) },
      });
      expect([response.status, response.text.slice(0, 300)]).toEqual([200, expect.any(String)]);
      results.push(...(response.body.results as QueryResult[]));
    }
    return results;
  };

  beforeAll(async () => {
    token = await server().tokenFor("Showback", "admin");
    const draft = documents.find((d) => d.version.status === "draft") as ModelVersionDocument;
    const id = (await restore(server(), token, draft)).version.id;
    const published = await server().call("POST", `/api/v1/versions/${id}/publish`, { token });
    expect(published.status).toBe(200);
  });

  for (const period of ["2026-09", "2026-Q3"]) {
    test(`ties out to COST on every row and column, consumers × pools, towers and services (${period})`, async () => {
      const version = documents.find((d) => d.version.status === "draft")!.version.label;
      const list = async (dimension: string) =>
        (await ask(version, [{ kind: "members", dimension }]))[0] as { value: string[] };
      const consumers = (await list("consumer")).value;
      for (const dimension of ["pool", "tower", "service"]) {
        const members = (await list(dimension)).value;
        if (dimension === "service") expect(members.some((m) => m.startsWith("Direct from "))).toBe(true);
        const cells = members.flatMap((member) =>
          consumers.map((consumer) => ({ kind: "allocated", member, consumer, period })),
        );
        const costs = [...members, ...consumers].map((member) => ({ kind: "cost", member, period }));
        const answers = await ask(version, [...cells, ...costs]);
        const table = members.map((_, m) =>
          consumers.map((_, c) => cents(answers[m * consumers.length + c])),
        );
        const memberCost = (m: number) => cents(answers[cells.length + m]);
        const consumerCost = (c: number) => cents(answers[cells.length + members.length + c]);
        const parents = new Set(
          documents[1].members.filter((x) => x.parent !== null).map((x) => `${x.dimension} ${x.parent}`),
        );
        // A row per member and a column per consumer: roll-ups add up their children, so the check
        // takes the leaves (the consumers' top member holds every unit: its column is the total).
        const leafRows = members
          .map((name, m) => m)
          .filter((m) => !parents.has(`${dimension} ${members[m]}`));
        const leafColumns = consumers
          .map((_, c) => c)
          .filter((c) => !parents.has(`consumer ${consumers[c]}`));
        const breaks: string[] = [];
        for (const m of members.keys()) {
          const row = leafColumns.reduce((sum, c) => sum + table[m][c], 0n);
          if (row !== memberCost(m))
            breaks.push(`${members[m]}: ${centsToText(row)} ≠ ${centsToText(memberCost(m))}`);
        }
        for (const c of consumers.keys()) {
          const column = leafRows.reduce((sum, m) => sum + table[m][c], 0n);
          if (column !== consumerCost(c))
            breaks.push(
              `${consumers[c]} over ${dimension}s: ${centsToText(column)} ≠ ${centsToText(consumerCost(c))}`,
            );
        }
        expect(breaks).toEqual([]);
      }
    });
  }
  test("every consumer's COST and every tower's ALLOCATED explain themselves down to the cost lines, adding up at every node", async () => {
    const version = documents.find((d) => d.version.status === "draft")!.version.label;
    const members = (dimension: string) =>
      documents[1].members.filter((m) => m.dimension === dimension).map((m) => m.name);
    const explain = async (query: Record<string, unknown>) => {
      const response = await server().call("POST", "/api/v1/explain", {
        token,
        body: { model: "ITFM Demo", version, query },
      });
      expect([query, response.status]).toEqual([query, 200]);
      return response.body as ExplainAnswer;
    };
    for (const period of ["2026-09", "2026-Q3"]) {
      const cells = [
        ...members("consumer").map((consumer) => ({ kind: "cost", member: consumer, period })),
        ...members("tower").map((tower) => ({ kind: "allocated", member: tower, consumer: "Sales", period })),
      ];
      for (const query of cells) {
        const { value, tree } = await explain(query);
        expect([query, tree.amount]).toEqual([query, value]);
        expect(explainBreaks(tree)).toEqual([]);
        expect(
          leaves(tree).filter(
            (leaf) => tree.amount !== "0.00" && leaf.kind !== "more" && leaf.lines === undefined,
          ),
        ).toEqual([]);
      }
    }
  });

  test("the cost lines behind every consumer's COST in a month and a quarter add up to it to the cent", async () => {
    const version = documents.find((d) => d.version.status === "draft")!.version.label;
    const consumers = documents[1].members.filter((m) => m.dimension === "consumer").map((m) => m.name);
    // A token of its own: the tests above spend much of the admin token's requests a minute.
    const viewer = await server().tokenFor("Showback", "viewer");
    for (const period of ["2026-09", "2026-Q3"]) {
      for (const consumer of consumers) {
        const query = { kind: "cost", member: consumer, period };
        const response = await server().call("POST", "/api/v1/explain/lines", {
          token: viewer,
          body: { model: "ITFM Demo", version, query },
        });
        expect([query, response.status]).toEqual([query, 200]);
        const body = response.body as ExplainLinesAnswer;
        const shown = body.lines.reduce((sum, line) => sum.plus(line.part), new Decimal(0));
        const all = shown.plus(body.more?.part ?? "0");
        expect([query, all.toFixed(2), body.total.part]).toEqual([query, body.value, body.value]);
      }
    }
  });
});
