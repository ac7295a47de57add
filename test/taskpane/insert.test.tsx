/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { createCostModelClient } from "../../src/client";
import { formulaNamed, FORMULAS } from "../../src/contract/formulas";
import { FormulaBuilder } from "../../src/taskpane/panels/FormulaBuilder";
import { InsertPanel } from "../../src/taskpane/panels/InsertPanel";
import { mockExcel } from "./support/excel-mock";
import { installResizeObserver } from "./support/jsdom";

installResizeObserver();

// office-addin-mock reads only the OfficeApp names from office-addin-manifest, whose index pulls in
// ES modules jest cannot load: give it the package's own OfficeApp module.
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"));

const client = createCostModelClient();
afterAll(() => client.close());

function renderInProvider(ui: React.ReactElement) {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

describe("the formula gallery", () => {
  it("shows every formula with its description and example, and finds them by search", () => {
    mockExcel("Budget!A1");
    renderInProvider(<InsertPanel client={client} binding={undefined} signedIn={false} />);
    for (const entry of FORMULAS) {
      const card = screen.getByTestId(`formula-${entry.name}`);
      expect(within(card).getByText(entry.summary)).toBeTruthy();
      expect(within(card).getByText(entry.example)).toBeTruthy();
    }
    fireEvent.change(screen.getByRole("searchbox", { name: "Search formulas" }), {
      target: { value: "npv" },
    });
    expect(screen.queryAllByTestId(/^formula-/).map((card) => card.dataset.testid)).toEqual(["formula-ROI"]);
  });

  it("puts the cost model's formulas first, and a search lists the best match first", () => {
    mockExcel("Budget!A1");
    renderInProvider(<InsertPanel client={client} binding={undefined} signedIn={false} />);
    const cards = () => screen.queryAllByTestId(/^formula-/).map((card) => card.dataset.testid);
    expect(cards().slice(0, 4)).toEqual([
      "formula-COST",
      "formula-ALLOCATED",
      "formula-RATE",
      "formula-DRIVER",
    ]);
    expect(screen.getAllByRole("heading", { level: 3 })[0].textContent).toBe("Cost model");
    fireEvent.change(screen.getByRole("searchbox", { name: "Search formulas" }), {
      target: { value: "cost" },
    });
    // COST by its name, before TCO and ROI that only speak of costs.
    expect(cards()[0]).toBe("formula-COST");
    expect(cards()).toEqual(expect.arrayContaining(["formula-TCO", "formula-ROI"]));
    fireEvent.change(screen.getByRole("searchbox", { name: "Search formulas" }), {
      target: { value: "alloc" },
    });
    // Equally good matches keep the gallery's order: the cost model's first.
    expect(cards().slice(0, 2)).toEqual(["formula-ALLOCATED", "formula-ALLOCATE"]);
  });

  it("labels a formula's arguments in words", () => {
    mockExcel("Budget!A1");
    renderInProvider(
      <FormulaBuilder entry={formulaNamed("TCO")!} client={client} binding={undefined} onBack={() => {}} />,
    );
    expect(screen.getByRole("textbox", { name: /^Upfront cost/ })).toBeTruthy();
    expect(screen.getByRole("textbox", { name: /^Recurring cost per year/ })).toBeTruthy();
    expect(screen.queryByText(/^upfront/)).toBeNull();
  });

  it("says which cell the formula goes into before it is inserted", async () => {
    mockExcel("Budget!A1");
    renderInProvider(
      <FormulaBuilder entry={formulaNamed("TCO")!} client={client} binding={undefined} onBack={() => {}} />,
    );
    expect((await screen.findByText("Goes into Budget!D4, the active cell.")).dataset.testid).toBe(
      "target-cell",
    );
  });

  it("writes an example into the active cell", async () => {
    const excel = mockExcel("Budget!A1");
    renderInProvider(<InsertPanel client={client} binding={undefined} signedIn={false} />);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Insert example: RUNRATE" })));
    expect(excel.context.workbook.activeCell.formulas).toEqual([['=ITFM.RUNRATE(B2:B7, 12, "trend")']]);
    expect(await screen.findByText(/inserted into Budget!D4/)).toBeTruthy();
  });
});

describe("the formula builder", () => {
  it("takes ranges from the selection and writes the formula into the active cell", async () => {
    const excel = mockExcel("Budget!C2:C13");
    renderInProvider(
      <FormulaBuilder
        entry={formulaNamed("ALLOCATE")!}
        client={client}
        binding={undefined}
        onBack={() => {}}
      />,
    );
    fireEvent.change(screen.getByRole("textbox", { name: /^amount/i }), { target: { value: "Budget!B2" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Use selection for drivers" })));
    expect((screen.getByRole("textbox", { name: /^drivers/i }) as HTMLInputElement).value).toBe(
      "Budget!C2:C13",
    );
    expect(screen.getByTestId("formula-preview").textContent).toBe(
      "=ITFM.ALLOCATE(Budget!B2, Budget!C2:C13)",
    );

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Insert into active cell" })));
    // The cell is on Budget too: its references need no sheet name.
    expect(excel.context.workbook.activeCell.formulas).toEqual([["=ITFM.ALLOCATE(B2, C2:C13)"]]);
    expect(await screen.findByText("Inserted into Budget!D4.")).toBeTruthy();
  });

  it("writes nothing while a required argument is missing, and says which", async () => {
    const excel = mockExcel("Budget!C2:C13");
    renderInProvider(
      <FormulaBuilder
        entry={formulaNamed("RUNRATE")!}
        client={client}
        binding={undefined}
        onBack={() => {}}
      />,
    );
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Insert into active cell" })));
    expect(JSON.stringify(excel.context.workbook.activeCell.formulas)).not.toContain("ITFM");
    expect(screen.getAllByText(/^Required: /).map((message) => message.textContent)).toEqual([
      "Required: select the cells and press “Use selection”, or type a number",
      "Required: type a number, a percentage or a cell address",
    ]);
  });
});
