import { ImportRefused, newImportId, ServiceError } from "../../src/client";
import { Id, ModelList, VersionList } from "../../src/contract/api";
import { clientsWith } from "./support/clients";
import {
  DEMO_MODEL,
  DRAFT_VERSION,
  PUBLISHED_VERSION,
  startDemoService,
  type DemoService,
} from "./support/service";

let service: DemoService;
const clients = clientsWith(
  () => ({
    binding: { serviceUrl: service.url, model: DEMO_MODEL },
    retry: { minDelayMs: 1, maxDelayMs: 5 },
  }),
  () => service.token,
);

beforeAll(async () => {
  service = await startDemoService();
});
afterAll(() => clients.closeAll(service));

async function versionId(label: string): Promise<string> {
  const client = await clients.signedIn();
  const { models } = await client.get("/models", ModelList);
  const demo = models.find((m) => m.name === DEMO_MODEL)!;
  const { versions } = await client.get(`/models/${demo.id}/versions`, VersionList);
  return versions.find((v) => v.label === label)!.id;
}

const csv = (lines: string[]) =>
  new TextEncoder().encode(["pool,period,scenario,amount,description", ...lines].join("\n"));

describe("importing a file", () => {
  it("makes ids the contract accepts", () => {
    const ids = new Set(Array.from({ length: 50 }, newImportId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(Id.safeParse(id).success).toBe(true);
  });

  it("sends the file's bytes as CSV and answers the counts; its progress tells it committed", async () => {
    const client = await clients.signedIn();
    const draft = await versionId(DRAFT_VERSION);
    const importId = newImportId();
    const lines = Array.from({ length: 500 }, (_, i) => `Hardware,2026-04,Budget,${i}.10,client ${i}`);
    const result = await client.importFile(
      draft,
      { bytes: csv(lines), format: "csv" },
      { kind: "cost_lines", importId, filename: "budget lines.csv" },
    );
    expect(result).toMatchObject({ importId, kind: "cost_lines", costLines: 500, newMembers: 0 });
    const progress = await client.importProgress(importId);
    expect(progress).toMatchObject({ status: "committed", rowsRead: 500, filename: "budget lines.csv" });
  });

  it("a file with bad rows: ImportRefused with the rows listed and counted", async () => {
    const client = await clients.signedIn();
    const draft = await versionId(DRAFT_VERSION);
    const lines = [
      "Hardware,2026-04,Budget,1,fine",
      "Hardware,2026-13,Budget,2,bad month",
      "Hardware,2026-05,Budget,abc,bad amount",
    ];
    const error = await client
      .importFile(draft, { bytes: csv(lines), format: "csv" }, { kind: "cost_lines" })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(error).toBeInstanceOf(ImportRefused);
    const refused = error as ImportRefused;
    expect(refused.status).toBe(422);
    expect(refused.rowsWithErrors).toBe(2);
    expect(refused.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "period"],
      [4, "amount"],
    ]);
    expect(refused.message).toContain("nothing was imported");
    expect(refused.details).toMatch(/^POST .*\/import\?kind=cost_lines: HTTP 422 import_rejected$/);
  });

  it("a published version is refused in words, without details about rows", async () => {
    const client = await clients.signedIn();
    const published = await versionId(PUBLISHED_VERSION);
    const error = await client
      .importFile(
        published,
        { bytes: csv(["Hardware,2026-04,Budget,1,x"]), format: "csv" },
        { kind: "cost_lines" },
      )
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).not.toBeInstanceOf(ImportRefused);
    expect((error as ServiceError).status).toBe(409);
    expect((error as ServiceError).message).toContain("is published");
  });

  it("is sent once: a busy service's refusal is not retried, and keeps its code", async () => {
    let posts = 0;
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      if (init?.method === "POST") posts++;
      const body = {
        error: { code: "busy_importing", message: "The service is already reading 2 import files" },
      };
      return new Response(JSON.stringify(body), { status: 503, headers: { "retry-after": "1" } });
    };
    const client = await clients.signedIn({ fetch });
    const error = (await client
      .importFile(newImportId(), { bytes: csv([]), format: "csv" }, { kind: "cost_lines" })
      .catch((reason: unknown) => reason)) as ServiceError;
    expect(posts).toBe(1);
    expect(error.status).toBe(503);
    expect(error.code).toBe("busy_importing");
  });
});
