import type { WorkbookSpec } from "../../taskpane/support/fake-host";
import { cellAddress } from "../../../src/taskpane/excel/addresses";
import { TOWER_DOMAINS } from "../../../src/server/demo/taxonomy";

/** The twelve TBM towers, as the demo model names them. */
export const TOWERS = TOWER_DOMAINS.flatMap((d) => d.towers);
export const CONSUMERS = [
  "Sales",
  "Marketing",
  "E-Commerce",
  "Retail Stores",
  "Customer Service",
  "Manufacturing",
  "Supply Chain",
  "Research & Development",
  "Finance",
  "Human Resources",
  "Legal & Compliance",
  "Executive Office",
];
export const MONTHS = Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
export const UNKNOWN_MEMBER = "Quantum Computing";

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * A budget workbook of exactly 2,000 ITFM cells on three sheets, as a controller keeps one:
 * tower costs by month (Actual and Budget), the chargeback of every tower to every business unit
 * for the quarter, and a sheet of local calculations, one of them asking for an unknown tower.
 * Saved values are zero: the workbook has not been refreshed since it was built.
 */
export function budgetWorkbook(): WorkbookSpec {
  const towers: Record<string, unknown> = { A1: "Tower" };
  MONTHS.forEach((month, m) => (towers[cellAddress(0, m + 1)] = month));
  TOWERS.forEach((tower, t) => {
    towers[cellAddress(t + 1, 0)] = tower;
    MONTHS.forEach((month, m) => {
      towers[cellAddress(t + 1, m + 1)] = `=ITFM.COST(${quote(tower)}, ${quote(month)})`;
      towers[cellAddress(t + 15, m + 1)] = `=ITFM.COST(${quote(tower)}, ${quote(month)}, "Budget")`;
    });
  });
  towers.A28 = "Version";
  towers.B28 = '=ITFM.MODEL("version")';
  towers.A29 = "Unknown tower";
  towers.B29 = `=ITFM.COST(${quote(UNKNOWN_MEMBER)}, "2026-03")`;

  const chargeback: Record<string, unknown> = { A1: "Tower \\ Business unit" };
  CONSUMERS.forEach((consumer, c) => (chargeback[cellAddress(0, c + 1)] = consumer));
  let row = 1;
  for (const quarter of ["2026-Q1", "2026-Q2", "2026-Q3"]) {
    for (const tower of TOWERS) {
      chargeback[cellAddress(row, 0)] = `${tower} ${quarter}`;
      CONSUMERS.forEach((consumer, c) => {
        chargeback[cellAddress(row, c + 1)] =
          `=ITFM.ALLOCATED(${quote(tower)}, ${quote(consumer)}, ${quote(quarter)})`;
      });
      row++;
    }
  }

  // 240 + 2 + 432 = 674 cells so far; the local sheet brings the workbook to 2,000.
  const local: Record<string, unknown> = { A1: "Asset cost", B1: "Year 1 depreciation" };
  for (let i = 0; i < 2000 - 674; i++) {
    local[`A${i + 2}`] = 5000 + 250 * i;
    local[`B${i + 2}`] = `=ITFM.DEPRECIATION(A${i + 2}, 500, 5, "ddb", 1)`;
  }

  // A business case beside them, its flows on dates (2027-01-01, 2027-09-30, 2028-06-30, 2029-03-31).
  Object.assign(local, { D1: "Costs", E1: "Benefits", F1: "Date" });
  [
    [500000, 0, 46388],
    [50000, 250000, 46660],
    [50000, 300000, 46934],
    [50000, 350000, 47208],
  ].forEach(([cost, benefit, date], i) =>
    Object.assign(local, { [`D${i + 2}`]: cost, [`E${i + 2}`]: benefit, [`F${i + 2}`]: date }),
  );

  const zeros = (cells: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(cells)
        .filter(([, v]) => typeof v === "string" && v.startsWith("="))
        .map(([a]) => [a, 0]),
    );
  return {
    sheets: [
      { name: "Tower costs", cells: towers, values: zeros(towers) },
      { name: "Chargeback", cells: chargeback, values: zeros(chargeback) },
      { name: "Depreciation", cells: local, values: zeros(local) },
    ],
    selection: "'Tower costs'!N2",
  };
}
