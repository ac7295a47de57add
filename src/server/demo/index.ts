import { ModelVersionDocument } from "../../contract/model";
import { SCENARIOS } from "./calendar";
import { FOCUS_SAMPLE_PATH, cloudBilling } from "./cloud";
import { costLines } from "./costs";
import { driverQuantities } from "./drivers";
import { allocationRules } from "./rules";
import { taxonomyMembers } from "./taxonomy";

export { FOCUS_SAMPLE_PATH } from "./cloud";

const MODEL = {
  name: "ITFM Demo",
  currency: "USD",
  fiscalYearStartMonth: 1,
  description:
    "Demo IT cost model on the TBM Taxonomy v5.0.1 (TBM Council, 2025): cost pools, towers in four domains, " +
    "services and a dozen business units, with Actual (January to October 2026), Budget and Forecast " +
    "(2026 and 2027). Cloud costs of September 2026 come from the FOCUS 1.0 sample billing data: " +
    "FinOps Foundation, FOCUS Sample Data, licensed CC BY 4.0.",
};

const VERSIONS = [
  {
    label: "FY2026-27 v1",
    status: "published",
    publishedAt: "2026-11-06T17:00:00.000Z",
    forecastRevision: 0,
  },
  { label: "FY2026-27 v2 (draft)", status: "draft", publishedAt: null, forecastRevision: 1 },
] as const;

/**
 * The demo model's versions as backup documents: "FY2026-27 v1" published, and "FY2026-27 v2 (draft)"
 * with a re-forecast of the open months. Deterministic: every build gives the same documents.
 */
export async function buildDemoModel(
  options: { focusSamplePath?: string } = {},
): Promise<ModelVersionDocument[]> {
  const cloud = await cloudBilling(options.focusSamplePath ?? FOCUS_SAMPLE_PATH);
  const members = [...taxonomyMembers(), ...cloud.members];
  const rules = allocationRules();
  return VERSIONS.map((version) =>
    ModelVersionDocument.parse({
      format: "itfm-model-version/1",
      model: MODEL,
      version: { label: version.label, status: version.status, publishedAt: version.publishedAt },
      members,
      scenarios: SCENARIOS.map((name) => ({ name })),
      costLines: [...costLines(version), ...cloud.costLines],
      driverQuantities: driverQuantities(version),
      rules,
    }),
  );
}
