/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import type { CostModelClient, WorkbookBinding } from "../../src/client";
import { formulaNamed } from "../../src/contract/formulas";
import type { CellQuery } from "../../src/contract/query";
import { FormulaBuilder } from "../../src/taskpane/panels/FormulaBuilder";
import { mockExcel } from "./support/excel-mock";
import { installResizeObserver } from "./support/jsdom";

installResizeObserver();
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"));

/** The demo model's shape: two calendar fiscal years of months, towers under their domains. */
const MONTHS = [2026, 2027].flatMap((year) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`),
);
const LISTS: Record<string, string[]> = {
  pool: ["Staffing", "Cloud Services", "Hardware"],
  tower: ["Infrastructure Domain", "Data Center", "Storage", "Compute", "Network"],
  service: ["Compute Services", "Virtual Servers"],
  account: ["6100 Salaries"],
  period: MONTHS,
  scenario: ["Actual", "Budget", "Forecast"],
};
const VERSIONS = [
  { label: "FY2026-27 v1", createdAt: "2026-11-02T09:00:00.000Z" },
  { label: "FY2026-27 v2 (draft)", createdAt: "2026-11-20T09:00:00.000Z" },
];
const BINDING: WorkbookBinding = { model: "ITFM Demo", version: "FY2026-27 v2 (draft)" };

/** A client that answers MEMBERS from LISTS, and the model list with the fiscal year's first month. */
function fakeClient(fiscalYearStartMonth = 1): CostModelClient {
  return {
    query: async (cell: CellQuery) =>
      cell.kind === "members" ? { value: LISTS[cell.dimension] } : { error: { code: "NA", message: "no" } },
    get: async (path: string) =>
      path === "/models/m1/versions"
        ? { versions: VERSIONS }
        : {
            models: [{ id: "m1", name: "ITFM Demo", currency: "USD", fiscalYearStartMonth, description: "" }],
          },
  } as unknown as CostModelClient;
}

/** The COST builder, bound, with its lists loaded. */
async function buildCost(client = fakeClient()) {
  const excel = mockExcel("Budget!A1");
  render(
    <FluentProvider theme={webLightTheme}>
      <FormulaBuilder entry={formulaNamed("COST")!} client={client} binding={BINDING} onBack={() => {}} />
    </FluentProvider>,
  );
  await screen.findAllByText("Month 2026-03, quarter 2026-Q1, year 2026 or FY2026");
  const member = screen.getByRole("combobox", { name: /^member/i }) as HTMLInputElement;
  const period = screen.getByRole("combobox", { name: /^period/i }) as HTMLInputElement;
  return { excel, member, period };
}

/** Types `text` into a combobox as a keyboard does: one key at a time, each followed by its change. */
function typeInto(input: HTMLInputElement, text: string): void {
  fireEvent.click(input);
  for (let i = 1; i <= text.length; i++) {
    fireEvent.keyDown(input, { key: text[i - 1] });
    fireEvent.change(input, { target: { value: text.slice(0, i) } });
  }
}

const preview = () => screen.getByTestId("formula-preview").textContent;
const insert = () =>
  act(async () => fireEvent.click(screen.getByRole("button", { name: "Insert into active cell" })));

describe("the builder keeps what is typed", () => {
  it("Compute + Enter stays Compute, and a prefix + Enter stays as typed", async () => {
    const { member } = await buildCost();
    typeInto(member, "Compute");
    fireEvent.keyDown(member, { key: "Enter" });
    expect(member.value).toBe("Compute");
    fireEvent.change(member, { target: { value: "" } });
    typeInto(member, "Comp");
    fireEvent.keyDown(member, { key: "Enter" });
    expect(member.value).toBe("Comp");
  });

  it.each(["2026", "FY2026", "2026-Q2"])("%s + Tab stays as typed", async (text) => {
    const { period } = await buildCost();
    typeInto(period, text);
    fireEvent.keyDown(period, { key: "Tab" });
    fireEvent.blur(period);
    expect(period.value).toBe(text);
    expect(preview()).toBe(`=ITFM.COST(, "${text}")`);
  });

  it("keeps 2026-Q1 typed key by key, and a pasted 2026-Q1 on blur", async () => {
    const { period } = await buildCost();
    typeInto(period, "2026-Q1");
    expect(period.value).toBe("2026-Q1");
    fireEvent.change(period, { target: { value: "" } });
    fireEvent.change(period, { target: { value: "2026-Q1" } });
    fireEvent.blur(period);
    expect(period.value).toBe("2026-Q1");
  });

  it("takes an option picked with the arrows and Enter, or with a click", async () => {
    const { member, period } = await buildCost();
    typeInto(member, "Stor");
    fireEvent.keyDown(member, { key: "ArrowDown" });
    fireEvent.keyDown(member, { key: "Enter" });
    expect(member.value).toBe("Storage");
    typeInto(period, "FY20");
    fireEvent.click(screen.getByRole("option", { name: "FY2027" }));
    expect(period.value).toBe("FY2027");
  });
});

describe("the period list", () => {
  it("offers the model's fiscal years, years, quarters and months", async () => {
    const { period } = await buildCost();
    fireEvent.click(period);
    const listbox = screen.getByRole("listbox");
    const group = (name: string) =>
      within(within(listbox).getByRole("group", { name }))
        .getAllByRole("option")
        .map((option) => option.textContent);
    expect(group("Fiscal years")).toEqual(["FY2026", "FY2027"]);
    expect(group("Years")).toEqual(["2026", "2027"]);
    expect(group("Quarters")).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `${2025 + Math.ceil(i / 4)}-Q${((i - 1) % 4) + 1}`),
    );
    expect(group("Months")).toEqual(MONTHS);
  });

  it("names the fiscal years by the year they end in when they start in July", async () => {
    const { period } = await buildCost(fakeClient(7));
    fireEvent.click(period);
    const fiscal = within(screen.getByRole("group", { name: "Fiscal years" })).getAllByRole("option");
    expect(fiscal.map((option) => option.textContent)).toEqual(["FY2026", "FY2027", "FY2028"]);
  });
});

describe("the builder checks before it inserts", () => {
  it("refuses “March 2026” next to the period field and writes nothing", async () => {
    const { excel, member, period } = await buildCost();
    typeInto(member, "Compute");
    typeInto(period, "March 2026");
    await insert();
    expect(JSON.stringify(excel.context.workbook.activeCell.formulas)).not.toContain("ITFM");
    expect(period.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(period);
    const message = document.getElementById(period.getAttribute("aria-describedby")!.split(" ")[0])!;
    expect(message.textContent).toBe(
      "“March 2026” is not a period: type a month like 2026-03, a quarter like 2026-Q1, a year like 2026 or FY2026",
    );

    fireEvent.change(period, { target: { value: "2026-Q1" } });
    expect(period.getAttribute("aria-invalid")).toBeNull();
    await insert();
    expect(excel.context.workbook.activeCell.formulas).toEqual([['=ITFM.COST("Compute", "2026-Q1")']]);
  });

  it("says what a blank required field needs, next to it", async () => {
    const { excel, member, period } = await buildCost();
    await insert();
    expect(JSON.stringify(excel.context.workbook.activeCell.formulas)).not.toContain("ITFM");
    expect(member.getAttribute("aria-invalid")).toBe("true");
    expect(period.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText('Required: type or pick a member, e.g. "Compute"')).toBeTruthy();
    expect(screen.getByText("Required: type or pick a period, e.g. 2026-03 or FY2026")).toBeTruthy();
    expect(document.activeElement).toBe(member);
  });

  it("keeps an unknown member, warns, and offers the closest one to click", async () => {
    const { excel, member } = await buildCost();
    typeInto(member, "Storag");
    fireEvent.blur(member);
    expect(member.value).toBe("Storag");
    expect(screen.getByText(/“Storag” is not in the model: the formula would show #N\/A\./)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Storage" }));
    expect(member.value).toBe("Storage");
    expect(screen.queryByText(/is not in the model/)).toBeNull();

    // The model's spelling of a known name typed in other case.
    fireEvent.change(member, { target: { value: "compute" } });
    fireEvent.blur(member);
    expect(member.value).toBe("Compute");
    // A warning does not stop the insert: the user may know a member the list does not show yet.
    fireEvent.change(member, { target: { value: "Mainframe" } });
    fireEvent.blur(member);
    fireEvent.change(screen.getByRole("combobox", { name: /^period/i }), { target: { value: "2026-03" } });
    await insert();
    expect(excel.context.workbook.activeCell.formulas).toEqual([['=ITFM.COST("Mainframe", "2026-03")']]);
  });

  it("offers the bound model's versions, newest first, and keeps a typed one", async () => {
    const { member } = await buildCost();
    const version = screen.getByRole("combobox", { name: /^version/i }) as HTMLInputElement;
    fireEvent.click(version);
    const options = await screen.findAllByRole("option", { name: /^FY2026-27/ });
    expect(options.map((option) => option.textContent)).toEqual(["FY2026-27 v2 (draft)", "FY2026-27 v1"]);
    fireEvent.click(options[1]);
    expect(version.value).toBe("FY2026-27 v1");

    typeInto(version, "FY2026-27 v3");
    fireEvent.blur(version);
    expect(version.value).toBe("FY2026-27 v3");
    expect(screen.getByText(/“FY2026-27 v3” is not a version of the model/)).toBeTruthy();
    expect(member.value).toBe("");
  });

  it("previews the value the cell would show, asked of the model as the cell asks it", async () => {
    const asked: CellQuery[] = [];
    const client = fakeClient();
    const members = client.query;
    client.query = async (cell: CellQuery, binding?: WorkbookBinding) => {
      if (cell.kind !== "cost") return members(cell, binding);
      asked.push(cell);
      return cell.member === "Compute"
        ? { value: "14108.73" }
        : { error: { code: "NA", message: `unknown member "${cell.member}"` } };
    };
    const { member, period } = await buildCost(client);
    typeInto(member, "Compute");
    typeInto(period, "2026-Q1");
    expect((await screen.findByText("Shows 14,108.73 now.")).dataset.testid).toBe("formula-value");
    // Asked only once the formula is complete (typing 2026-Q1 passes through the year 2026).
    expect(asked.at(-1)).toEqual({ kind: "cost", member: "Compute", period: "2026-Q1" });
    expect(asked.every((query) => "member" in query && query.member === "Compute")).toBe(true);
    fireEvent.change(member, { target: { value: "Mainframe" } });
    await screen.findByText('Would show #N/A: unknown member "Mainframe"');
    // A cell reference takes its value in the workbook: nothing to preview.
    fireEvent.change(member, { target: { value: "A2" } });
    await act(async () => undefined);
    expect(screen.queryByTestId("formula-value")).toBeNull();
  });
});
