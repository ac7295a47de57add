import type { ImportWarning } from "../../contract/imports";
import type { Sql } from "../db";
import { allocationProblems } from "../publish";
import { monthsBesideImport, scenarioMonthsOfImport } from "../store/imports";

const SHOWN_MONTHS = 6;

function listed(months: readonly string[]): string {
  const shown = months.slice(0, SHOWN_MONTHS).join(", ");
  return months.length > SHOWN_MONTHS ? `${shown} and ${months.length - SHOWN_MONTHS} more` : shown;
}

/**
 * A billing file none of whose months lies within the months the version holds was most likely
 * exported for another period: its cost would sit in months no report of the version shows.
 */
async function monthsOutside(
  sql: Sql,
  versionId: string,
  importId: string,
  written: ReadonlySet<string>,
): Promise<ImportWarning[]> {
  // A key ends in its month, which has no space (a scenario may have).
  const imported = [...new Set([...written].map((key) => key.slice(key.lastIndexOf(" ") + 1)))].sort();
  const others = await monthsBesideImport(sql, versionId, importId);
  if (imported.length === 0 || others.length === 0) return [];
  const [first, latest] = [others[0], others[others.length - 1]];
  // Months as YYYY-MM compare in order as text.
  if (imported.some((month) => month >= first && month <= latest)) return [];
  return [
    {
      code: "months_outside",
      message:
        `the file's billing months (${listed(imported)}) all fall outside the months this version holds ` +
        `(${first} to ${latest}); to book the whole file into one of them, import it again with ` +
        `bookToPeriod, e.g. bookToPeriod=${latest}`,
      months: imported.length,
    },
  ];
}

/**
 * What the answer to an import warns of, as `sql` sees the draft with the import in. Only the months
 * the import wrote are allocated: the import's own consequences, without the cost of a whole publish.
 */
export async function importWarnings(
  sql: Sql,
  versionId: string,
  importId: string,
  request: { kind: string; bookToPeriod?: string },
): Promise<ImportWarning[]> {
  // With bookToPeriod the user chose the month.
  const checkMonths = request.kind === "focus" && request.bookToPeriod === undefined;
  const months = await scenarioMonthsOfImport(sql, importId);
  const outside = checkMonths ? await monthsOutside(sql, versionId, importId, months) : [];
  return [...outside, ...(await allocationProblems(sql, versionId, months))];
}
