import { writeSignIn } from "../../src/client/sign-in";
import { CustomFunctionsError } from "../support/custom-functions-runtime";
import { loadFunctionsBundle } from "../support/functions-bundle";
import { DEMO_MODEL, PUBLISHED_VERSION, startDemoService, type DemoService } from "../client/support/service";

/**
 * The built bundle, loaded as Excel's shared runtime loads it, answering the remote formulas from
 * the real service on loopback. The host objects hold what the task pane leaves behind: the token
 * in OfficeRuntime.storage and the workbook's binding in its document settings.
 */
let service: DemoService;
let associated: Map<string, (...args: unknown[]) => unknown>;

async function sharedRuntimeHost(token: string, binding: object): Promise<Record<string, unknown>> {
  const saved = new Map<string, string>();
  const storage = {
    getItem: async (key: string) => saved.get(key) ?? null,
    setItem: async (key: string, value: string) => void saved.set(key, value),
    removeItem: async (key: string) => void saved.delete(key),
  };
  await writeSignIn(storage, { origin: new URL(service.url).origin, token });
  const settings = new Map<string, unknown>([["itfm.binding", binding]]);
  return {
    OfficeRuntime: { storage },
    Office: {
      onReady: async () => ({ host: "Excel", platform: "OfficeOnline" }),
      context: { document: { settings: { get: (key: string) => settings.get(key) ?? null } } },
    },
  };
}

/** What the service itself answers for one query, straight over HTTP. */
async function serviceAnswer(
  query: object,
): Promise<{ value?: string | string[]; error?: { message: string } }> {
  const response = await service.server.call("POST", "/api/v1/query", {
    token: service.token,
    body: { model: DEMO_MODEL, version: PUBLISHED_VERSION, queries: [query] },
  });
  expect(response.status).toBe(200);
  return response.body.results[0];
}

async function callForError(id: string, ...args: unknown[]): Promise<CustomFunctionsError> {
  try {
    await associated.get(id)!(...args);
  } catch (error) {
    if (error instanceof CustomFunctionsError) return error;
    throw error;
  }
  throw new Error(`${id} did not fail`);
}

beforeAll(async () => {
  service = await startDemoService();
  const host = await sharedRuntimeHost(service.token, {
    serviceUrl: service.url,
    model: DEMO_MODEL,
    version: PUBLISHED_VERSION,
  });
  associated = loadFunctionsBundle(service.url, host).runtime.associated;
});

afterAll(async () => {
  await service?.close();
});

describe("remote formulas of the built bundle against the live service", () => {
  it("COST, ALLOCATED, DRIVER and RATE give the service's numbers", async () => {
    const consumer = ((await serviceAnswer({ kind: "members", dimension: "consumer" })).value as string[])[0];
    const service0 = ((await serviceAnswer({ kind: "members", dimension: "service" })).value as string[])[0];
    const cases: [string, unknown[], object][] = [
      ["COST", ["Compute", "2026-03"], { kind: "cost", member: "Compute", period: "2026-03" }],
      [
        "COST",
        ["Staffing", "2026-Q1", "Budget"],
        { kind: "cost", member: "Staffing", period: "2026-Q1", scenario: "Budget" },
      ],
      [
        "ALLOCATED",
        ["Compute", consumer, "2026"],
        { kind: "allocated", member: "Compute", consumer, period: "2026" },
      ],
      [
        "DRIVER",
        ["Headcount", consumer, "2026-06"],
        { kind: "driver", driver: "Headcount", consumer, period: "2026-06" },
      ],
      ["RATE", [service0, "2026-04"], { kind: "rate", service: service0, period: "2026-04" }],
    ];
    for (const [id, args, query] of cases) {
      const expected = await serviceAnswer(query);
      expect(expected.error).toBeUndefined();
      expect(Number(expected.value)).not.toBe(0);
      expect(await associated.get(id)!(...args)).toBe(Number(expected.value));
    }
  });

  it("MEMBERS spills a column and MODEL describes the bound version", async () => {
    const towers = (await serviceAnswer({ kind: "members", dimension: "tower" })).value as string[];
    expect(await associated.get("MEMBERS")!("tower")).toEqual(towers.map((name) => [name]));
    expect(await associated.get("MODEL")!("name")).toBe(DEMO_MODEL);
    expect(await associated.get("MODEL")!("version")).toBe(PUBLISHED_VERSION);
    expect(await associated.get("MODEL")!("status")).toBe("published");
  });

  it("a date-time cell as the period means its month", async () => {
    // 46096.75 is 2026-03-15 18:00 (=NOW() style serial with a time of day)
    expect(await associated.get("COST")!("Compute", 46096.75)).toBe(
      await associated.get("COST")!("Compute", "2026-03"),
    );
  });

  it("an unknown member is #N/A naming it", async () => {
    const error = await callForError("COST", "No Such Tower", "2026-03");
    expect(error.code).toBe("#N/A");
    expect(error.message).toContain("No Such Tower");
  });
});
