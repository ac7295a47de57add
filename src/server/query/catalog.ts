import type { Sql } from "../db";
import { catalogRows } from "../store/models";
import { isoTimestamp } from "../store/timestamps";

export interface ModelFacts {
  id: string;
  name: string;
  currency: string;
  fiscalYearStartMonth: number;
}

export interface VersionFacts {
  id: string;
  label: string;
  status: "draft" | "published";
  revision: number;
  publishedAt: string | null;
}

export interface ModelCatalog {
  model: ModelFacts;
  versions: VersionFacts[];
}

/** A model of the tenant, by id or by name, with all its versions; null when the tenant has none such. */
export async function loadCatalog(
  sql: Sql,
  tenantId: string,
  modelRef: string,
): Promise<ModelCatalog | null> {
  const rows = await catalogRows(sql, tenantId, modelRef);
  if (rows.length === 0) return null;
  // A name that happens to equal another model's id is not a case to guess in: the name wins.
  const modelId = (rows.find((r) => r.name === modelRef) ?? rows[0]).model_id;
  const own = rows.filter((r) => r.model_id === modelId);
  const first = own[0];
  return {
    model: {
      id: first.model_id,
      name: first.name,
      currency: first.currency.trim(),
      fiscalYearStartMonth: Number(first.fiscal_year_start_month),
    },
    versions: own
      .filter((r) => r.version_id !== null)
      .map((r) => ({
        id: r.version_id as string,
        label: r.label as string,
        status: r.status as "draft" | "published",
        revision: Number(r.revision),
        publishedAt: isoTimestamp(r.published_at),
      })),
  };
}

/** The newest published version of the model (what "latest" names), or null before the first publish. */
export function newestPublished(catalog: ModelCatalog): VersionFacts | null {
  const published = catalog.versions.filter((v) => v.status === "published" && v.publishedAt !== null);
  published.sort((a, b) => (a.publishedAt as string).localeCompare(b.publishedAt as string));
  return published.at(-1) ?? null;
}

/** The version with this id or label, or null. */
export function versionNamed(catalog: ModelCatalog, ref: string): VersionFacts | null {
  const wanted = ref.trim();
  return (
    catalog.versions.find((v) => v.id === wanted.toLowerCase()) ??
    catalog.versions.find((v) => v.label === wanted) ??
    null
  );
}
