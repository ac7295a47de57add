import type { Version } from "../../src/contract/api";
import { bindingLabel } from "../../src/taskpane/components/binding-label";
import { newestPublished } from "../../src/taskpane/service/models";

const version = (label: string, status: Version["status"], publishedAt: string | null): Version => ({
  id: label,
  modelId: "m",
  label,
  status,
  revision: 1,
  basedOn: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  createdBy: null,
  publishedAt,
  publishedBy: null,
});

describe("what the header says the workbook shows", () => {
  it("names the version a latest-published binding shows, once known", () => {
    expect(bindingLabel({ model: "ITFM Demo" })).toBe("ITFM Demo · latest published · Actual");
    expect(bindingLabel({ model: "ITFM Demo", version: "latest" }, "FY27 v3")).toBe(
      "ITFM Demo · FY27 v3 (latest published) · Actual",
    );
    expect(bindingLabel({ model: "ITFM Demo", version: "v2 (draft)", scenario: "Budget" }, "FY27 v3")).toBe(
      "ITFM Demo · v2 (draft) · Budget",
    );
  });

  it("latest is the newest published version, never a draft", () => {
    const versions = [
      version("v1", "published", "2026-03-01T00:00:00.000Z"),
      version("v3", "published", "2026-09-01T00:00:00.000Z"),
      version("v4", "draft", null),
      version("v2", "published", "2026-06-01T00:00:00.000Z"),
    ];
    expect(newestPublished(versions)?.label).toBe("v3");
    expect(newestPublished([version("v4", "draft", null)])).toBeUndefined();
  });
});
