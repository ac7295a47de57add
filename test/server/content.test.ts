import {
  CostLinePage,
  DriverQuantityPage,
  MemberList,
  Model,
  ModelList,
  RuleList,
  ScenarioList,
  Version,
  VersionList,
} from "../../src/contract/api";
import { describeEachDatabase, useTestServer } from "../support/server";
import { type TenantFixture, setUpTenant } from "./tenant-fixture";

describeEachDatabase("models, versions and their content", (kind) => {
  const server = useTestServer(kind);
  let tenant: TenantFixture;
  let draft: string;

  beforeAll(async () => {
    tenant = await setUpTenant(server(), "Content");
    draft = `/api/v1/versions/${tenant.draft.versionId}`;
  });

  const get = (path: string) => server().call("GET", path, { token: tenant.viewerToken });
  const edit = (method: string, path: string, body?: unknown) =>
    server().call(method, path, { token: tenant.editorToken, body });

  test("models: list, read, create (admin); a second model of the same name is refused", async () => {
    const created = await server().call("POST", "/api/v1/models", {
      token: tenant.adminToken,
      body: { name: "Plan 2027", currency: "CHF", fiscalYearStartMonth: 4 },
    });
    expect(created.status).toBe(201);
    expect(Model.parse(created.body)).toMatchObject({
      name: "Plan 2027",
      currency: "CHF",
      fiscalYearStartMonth: 4,
      description: "",
    });
    expect(Model.parse((await get(`/api/v1/models/${created.body.id}`)).body)).toEqual(created.body);
    const list = ModelList.parse((await get("/api/v1/models")).body);
    expect(list.models.map((m) => m.name)).toEqual(["Model of Content", "Plan 2027"]);
    const again = await server().call("POST", "/api/v1/models", {
      token: tenant.adminToken,
      body: { name: "Plan 2027", currency: "CHF" },
    });
    expect([again.status, again.body.error.message]).toEqual([
      409,
      'A model named "Plan 2027" already exists',
    ]);
    const wrong = await server().call("POST", "/api/v1/models", {
      token: tenant.adminToken,
      body: { name: "X", currency: "euro" },
    });
    expect(wrong.body.error.details[0]).toEqual({
      in: "body",
      path: "currency",
      message: "must be an ISO 4217 code such as USD",
    });
  });

  test("versions: list, read, create empty or as a copy, delete a draft", async () => {
    const list = VersionList.parse((await get(`/api/v1/models/${tenant.draft.modelId}/versions`)).body);
    expect(list.versions.map((v) => [v.label, v.status])).toEqual([
      ["Draft v2", "draft"],
      ["Published v1", "published"],
    ]);
    const empty = await edit("POST", `/api/v1/models/${tenant.draft.modelId}/versions`, { label: "Empty" });
    expect(Version.parse(empty.body)).toMatchObject({
      label: "Empty",
      status: "draft",
      revision: 1,
      basedOn: null,
    });
    expect(MemberList.parse((await get(`/api/v1/versions/${empty.body.id}/members`)).body).members).toEqual(
      [],
    );

    const copy = await edit("POST", `/api/v1/models/${tenant.draft.modelId}/versions`, {
      label: "Copy",
      copyFrom: tenant.published.versionId,
    });
    expect(copy.status).toBe(201);
    const source = (await get(`/api/v1/versions/${tenant.published.versionId}/export`)).body;
    const copied = (await get(`/api/v1/versions/${copy.body.id}/export`)).body;
    expect(copied).toEqual({ ...source, version: { label: "Copy", status: "draft", publishedAt: null } });

    const duplicate = await edit("POST", `/api/v1/models/${tenant.draft.modelId}/versions`, {
      label: "Copy",
    });
    expect(duplicate.status).toBe(409);
    const other = await server().call("POST", "/api/v1/models", {
      token: tenant.adminToken,
      body: { name: "Other", currency: "EUR" },
    });
    const crossModel = await edit("POST", `/api/v1/models/${other.body.id}/versions`, {
      label: "Mixed",
      copyFrom: tenant.published.versionId,
    });
    expect([crossModel.status, crossModel.body.error.message]).toEqual([
      400,
      "copyFrom must be a version of the same model",
    ]);

    const deleted = await server().call("DELETE", `/api/v1/versions/${copy.body.id}`, {
      token: tenant.adminToken,
    });
    expect(deleted.status).toBe(204);
    expect((await get(`/api/v1/versions/${copy.body.id}`)).status).toBe(404);
    const lines = await server().db.query("SELECT 1 FROM cost_lines WHERE version_id = $1", [copy.body.id]);
    expect(lines.rows).toEqual([]);
  });

  test("a draft that a published version was copied from cannot be deleted; a draft's copies lose the link", async () => {
    const versions = `/api/v1/models/${tenant.draft.modelId}/versions`;
    const origin = await edit("POST", versions, { label: "Origin", copyFrom: tenant.published.versionId });
    const released = await edit("POST", versions, { label: "Released", copyFrom: origin.body.id });
    const sketch = await edit("POST", versions, { label: "Sketch", copyFrom: origin.body.id });
    const publish = await server().call("POST", `/api/v1/versions/${released.body.id}/publish`, {
      token: tenant.adminToken,
    });
    expect(publish.status).toBe(200);
    const before = (await get(`/api/v1/versions/${released.body.id}/export`)).text;

    const refused = await server().call("DELETE", `/api/v1/versions/${origin.body.id}`, {
      token: tenant.adminToken,
    });
    expect([refused.status, refused.body.error.message]).toEqual([
      409,
      'The draft "Origin" cannot be deleted: the published version "Released" was copied from it and must keep that record',
    ]);
    expect(Version.parse((await get(`/api/v1/versions/${released.body.id}`)).body).basedOn).toBe(
      origin.body.id,
    );
    expect(Version.parse((await get(`/api/v1/versions/${sketch.body.id}`)).body).basedOn).toBe(
      origin.body.id,
    );
    expect((await get(`/api/v1/versions/${released.body.id}/export`)).text).toBe(before);

    const outline = await edit("POST", versions, { label: "Outline", copyFrom: sketch.body.id });
    const deleted = await server().call("DELETE", `/api/v1/versions/${sketch.body.id}`, {
      token: tenant.adminToken,
    });
    expect(deleted.status).toBe(204);
    expect(Version.parse((await get(`/api/v1/versions/${outline.body.id}`)).body).basedOn).toBeNull();
  });

  test("members: by dimension in order; upsert adds and updates; hierarchy is checked", async () => {
    const pools = MemberList.parse((await get(`${draft}/members?dimension=pool`)).body).members;
    expect(pools.map((m) => [m.name, m.parent])).toEqual([
      ["Staffing", null],
      ["Internal Labor", "Staffing"],
      ["Contractors", "Staffing"],
      ["Hardware", null],
    ]);
    const all = MemberList.parse((await get(`${draft}/members`)).body).members;
    expect([...new Set(all.map((m) => m.dimension))]).toEqual([
      "account",
      "pool",
      "tower",
      "service",
      "consumer",
      "driver",
    ]);

    const upsert = await edit("POST", `${draft}/members`, {
      members: [
        { dimension: "pool", name: "Facilities" },
        { dimension: "pool", name: "Hardware", parent: "Facilities", attributes: { owner: "IT" } },
      ],
    });
    expect(upsert.status).toBe(200);
    const after = MemberList.parse((await get(`${draft}/members?dimension=pool`)).body).members;
    expect(after.slice(3)).toEqual([
      { dimension: "pool", name: "Hardware", parent: "Facilities", attributes: { owner: "IT" } },
      { dimension: "pool", name: "Facilities", parent: null, attributes: {} },
    ]);

    const one = await edit("PUT", `${draft}/members/pool/Facilities`, { parent: "Staffing" });
    expect(one.status).toBe(200);
    const cycle = await edit("PUT", `${draft}/members/pool/Staffing`, { parent: "Hardware" });
    expect([cycle.status, cycle.body.error.details]).toEqual([
      422,
      [{ path: "members.0.parent", message: 'the pool "Staffing" would be its own ancestor' }],
    ]);
    const orphan = await edit("POST", `${draft}/members`, {
      members: [
        { dimension: "tower", name: "Edge", parent: "Nowhere" },
        { dimension: "tower", name: "Edge" },
      ],
    });
    expect(orphan.body.error.details).toEqual([
      { path: "members.1", message: 'the tower "Edge" is listed twice' },
      { path: "members.0.parent", message: 'the parent tower "Nowhere" is not in this version' },
    ]);
  });

  test("members in use cannot be deleted; unused ones can", async () => {
    const used = await edit("DELETE", `${draft}/members/service/Hosting`);
    expect(used.status).toBe(409);
    expect(used.body.error.message).toBe(
      'The service "Hosting" is still used by 2 driver quantities, 5 allocation rules',
    );
    const parent = await edit("DELETE", `${draft}/members/consumer/All Units`);
    expect(parent.body.error.message).toBe('The consumer "All Units" is still used by 3 child members');
    await edit("POST", `${draft}/members`, { members: [{ dimension: "tower", name: "Unused" }] });
    expect((await edit("DELETE", `${draft}/members/tower/Unused`)).status).toBe(200);
    expect((await edit("DELETE", `${draft}/members/tower/Unused`)).status).toBe(404);
  });

  test("scenarios: adding is idempotent; one with facts cannot be deleted", async () => {
    const added = await edit("POST", `${draft}/scenarios`, {
      scenarios: [{ name: "Forecast" }, { name: "Actual" }],
    });
    expect(added.body.count).toBe(1);
    expect(ScenarioList.parse((await get(`${draft}/scenarios`)).body).scenarios).toEqual([
      { name: "Actual" },
      { name: "Budget" },
      { name: "Forecast" },
    ]);
    const inUse = await edit("DELETE", `${draft}/scenarios/Actual`);
    expect([inUse.status, inUse.body.error.code]).toEqual([409, "scenario_in_use"]);
    expect((await edit("DELETE", `${draft}/scenarios/Forecast`)).status).toBe(200);
  });

  test("cost lines and driver quantities: added all or nothing, read a page at a time with filters", async () => {
    const lines = Array.from({ length: 7 }, (_, i) => ({
      pool: "Hardware",
      period: "2026-06",
      scenario: "Budget",
      amount: `${i + 1}.50`,
    }));
    expect((await edit("POST", `${draft}/cost-lines`, { costLines: lines })).body.count).toBe(7);
    const pages = [];
    let next: string | null = null;
    do {
      const page = CostLinePage.parse(
        (
          await get(
            `${draft}/cost-lines?scenario=Budget&period=2026-06&limit=3${next ? `&after=${next}` : ""}`,
          )
        ).body,
      );
      pages.push(page.costLines.map(({ id: _id, ...line }) => line));
      next = page.next;
    } while (next !== null);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(lines);

    const quantities = DriverQuantityPage.parse(
      (await get(`${draft}/driver-quantities?period=2026-02&limit=100`)).body,
    );
    expect(quantities.driverQuantities.length).toBe(14);
    expect(quantities.next).toBeNull();
    const added = await edit("POST", `${draft}/driver-quantities`, {
      driverQuantities: [
        { driver: "Servers", member: "Research", period: "2026-06", scenario: "Budget", quantity: "4.5" },
      ],
    });
    expect(added.status).toBe(200);
    const wrongMember = await edit("POST", `${draft}/driver-quantities`, {
      driverQuantities: [
        { driver: "Servers", member: "Hardware", period: "2026-06", scenario: "Budget", quantity: "1" },
      ],
    });
    expect(wrongMember.body.error.details).toEqual([
      {
        path: "driverQuantities.0.member",
        message: 'the member "Hardware" is not a tower, service or consumer of this version',
      },
    ]);
  });

  test("rules: read in order, replaced whole, references checked", async () => {
    const rules = RuleList.parse((await get(`${draft}/rules`)).body).rules;
    expect(rules.length).toBe(10);
    const replaced = await edit("PUT", `${draft}/rules`, { rules: rules.slice(0, 3) });
    expect(replaced.body.count).toBe(3);
    expect(RuleList.parse((await get(`${draft}/rules`)).body).rules).toEqual(rules.slice(0, 3));
    const bad = await edit("PUT", `${draft}/rules`, {
      rules: [
        {
          stage: "pool_to_tower",
          source: "Compute",
          method: "driver",
          driver: "Mood",
          targets: [{ member: "Hosting" }],
        },
      ],
    });
    expect(bad.body.error.details).toEqual([
      { path: "rules.0.source", message: 'the pool "Compute" is not in this version' },
      { path: "rules.0.driver", message: 'the driver "Mood" is not in this version' },
      { path: "rules.0.targets.0.member", message: 'the tower "Hosting" is not in this version' },
    ]);
    expect(RuleList.parse((await get(`${draft}/rules`)).body).rules.length).toBe(3);
  });

  test("the health check and the version read answer", async () => {
    expect((await server().call("GET", "/healthz")).body).toEqual({ status: "ok", database: kind });
    expect(Version.parse((await get(draft)).body).id).toBe(tenant.draft.versionId);
  });
});
