import { describeEachDatabase, useTestServer } from "../support/server";
import {
  type Example,
  type Route,
  callRoute,
  documentedRoutes,
  exampleOf,
  fillPath,
  routeKey,
} from "./route-examples";
import { type TenantFixture, setUpTenant } from "./tenant-fixture";

/** Text PostgreSQL cannot store, or that would mislead whoever reads it. */
const BAD_TEXTS: Record<string, string> = {
  NUL: "Ha\u0000rdware",
  "lone surrogate": "Hard\uD800ware",
  "direction mark": "Hard\u202Eware",
  "control character": "Hard\u0007ware",
};

/** The paths of the string values in a JSON body, one per distinct shape (costLines.*.pool once). */
function stringPaths(
  value: unknown,
  at: (string | number)[] = [],
  seen = new Set<string>(),
): (string | number)[][] {
  if (typeof value === "string") {
    const shape = at.map((p) => (typeof p === "number" ? "*" : p)).join(".");
    if (seen.has(shape)) return [];
    seen.add(shape);
    return [at];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i], seen));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [
      ...stringPaths(k === "" ? undefined : v, [...at, k], seen),
    ]);
  }
  return [];
}

/** In an address, a lone surrogate travels as the bytes a careless encoder writes for it (not UTF-8). */
const inAddress = (text: string): string =>
  text.includes("\uD800")
    ? text.split("\uD800").map(encodeURIComponent).join("%ED%A0%80")
    : encodeURIComponent(text);

function replaced(body: unknown, path: (string | number)[], text: string): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string | number, unknown>;
  let target = copy;
  for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, unknown>;
  target[path[path.length - 1]] = text;
  return copy;
}

describeEachDatabase("bad text in every text field", (kind) => {
  const server = useTestServer(kind);
  let tenant: TenantFixture;
  let routes: Route[];

  beforeAll(async () => {
    tenant = await setUpTenant(server(), "Texts");
    routes = (await documentedRoutes(server(), tenant.adminToken)).filter((r) => !r.public);
  });

  test("every body field, query parameter and path parameter: refused 400 or 404, never a failure", async () => {
    const outcomes: string[] = [];
    const send = async (
      route: Route,
      label: string,
      change: (example: Example) => Example,
      path?: string,
    ) => {
      const ctx = tenant.draft;
      const response =
        path === undefined
          ? await callRoute(server(), route, ctx, { token: tenant.adminToken, change })
          : await server().call(route.method, path, {
              token: tenant.adminToken,
              ...change(exampleOf(route, ctx)),
            });
      // A batch of cells answers each cell on its own: a bad cell gets #VALUE! with why, the batch 200.
      const cellRefused = response.status === 200 && response.body?.results?.[0]?.error?.code === "VALUE";
      if (label.startsWith("queries.") && cellRefused) return;
      if (response.status >= 500 || response.status < 400) {
        outcomes.push(`${routeKey(route)} ${label}: ${response.status} ${response.text.slice(0, 120)}`);
      }
    };
    let sent = 0;
    for (const route of routes) {
      const example = exampleOf(route, tenant.draft);
      for (const [name, text] of Object.entries(BAD_TEXTS)) {
        if (typeof example.body === "object" && example.body !== null) {
          for (const path of stringPaths(example.body)) {
            sent++;
            await send(route, `${path.join(".")} with ${name}`, (e) => ({
              ...e,
              body: replaced(e.body, path, text),
            }));
          }
        }
        const query = new URLSearchParams((example.query ?? "").replace(/^\?/, ""));
        for (const key of [...query.keys()]) {
          const parameters = [...query.entries()].map(
            ([k, v]) => `${k}=${k === key ? inAddress(text) : encodeURIComponent(v)}`,
          );
          sent++;
          await send(route, `?${key} with ${name}`, (e) => ({ ...e, query: `?${parameters.join("&")}` }));
        }
        for (const parameter of ["name", "dimension"]) {
          if (!route.path.includes(`{${parameter}}`)) continue;
          const marker = "BAD_TEXT_HERE";
          const ctx = {
            ...tenant.draft,
            member: { ...tenant.draft.member, [parameter]: marker },
            scenario: marker,
          };
          const path = fillPath(route.path, ctx).replace(marker, inAddress(text)) + (example.query ?? "");
          sent++;
          await send(route, `{${parameter}} with ${name}`, (e) => e, path);
        }
      }
    }
    expect(sent).toBeGreaterThan(150);
    expect(outcomes).toEqual([]);
  });
});
