/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { cellErrors, clearCellError, recordCellError } from "../../src/functions/cell-errors";
import { DiagnosticsPanel } from "../../src/taskpane/panels/DiagnosticsPanel";
import { useWorkbookErrors } from "../../src/taskpane/state/use-workbook-errors";
import { refreshCells } from "../../src/taskpane/excel/refresh";
import { scanItfmCells } from "../../src/taskpane/excel/scan";
import { installFakeHost, type FakeHost } from "./support/fake-host";
import { installResizeObserver } from "./support/jsdom";

installResizeObserver();

let host: FakeHost;

beforeAll(async () => {
  host = installFakeHost({
    sheets: [
      {
        name: "Budget",
        cells: {
          A1: 120_000,
          B1: '=ITFM.DEPRECIATION(A1, 10000, 5, "sl", 1)',
          B2: '=ITFM.DEPRECIATION(A1, 10000, 0, "ddb", 1)',
        },
      },
      { name: "Run rate", cells: { C3: '=ITFM.RUNRATE(Budget!A1, "twelve")', D4: "=ITFM.NOSUCH(1)" } },
    ],
    selection: "Budget!A1",
  });
  // Calculate every cell through the real functions, as Excel would on opening.
  await refreshCells(await scanItfmCells(), { reasonOf: () => "" });
  // The messages below are this test's own, whatever the formulas recorded.
  for (const key of [...cellErrors().keys()]) clearCellError(key);
});

function Diagnostics() {
  const errors = useWorkbookErrors();
  return (
    <DiagnosticsPanel
      errors={errors}
      status={{ state: "signed-out", reason: "sign in to the cost-model service" }}
      reachable
      serviceUrl="https://itfm.example.com"
      lastRefresh={undefined}
      diagnostics={{
        requestsSent: 0,
        retries: 0,
        cellsAnswered: 0,
        answeredFromCache: 0,
        answeredOffline: 0,
        answeredWithError: 0,
        answeredUnreachable: 0,
        storeErrors: 0,
      }}
    />
  );
}

describe("diagnostics", () => {
  it("lists the ITFM cells that show an error, with the formula's message or what the code means", async () => {
    recordCellError("'Run rate'!C3", "#VALUE!", 'periods_total: expected a number, got text "twelve"');
    render(
      <FluentProvider theme={webLightTheme}>
        <Diagnostics />
      </FluentProvider>,
    );
    const list = await screen.findByRole("list", { name: "Cells in error" });
    const items = within(list).getAllByRole("button");
    expect(items.map((item) => item.textContent)).toEqual([
      "Budget!B2#NUM!a number is out of range, or the calculation does not converge",
      "'Run rate'!C3#VALUE!periods_total: expected a number, got text \"twelve\"",
      "'Run rate'!D4#NAME?Excel does not know this function: the ITFM add-in is not loaded",
    ]);
    expect(screen.getByTestId("error-count").textContent).toMatch(/^3 cells show an error/);
    expect(screen.getByTestId("status-facts").textContent).toContain("Signed out");
  });

  it("selects a cell in error when it is chosen", async () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <Diagnostics />
      </FluentProvider>,
    );
    const list = await screen.findByRole("list", { name: "Cells in error" });
    fireEvent.click(within(list).getByRole("button", { name: /Run rate'!D4/ }));
    await waitFor(() => expect(host.selection()).toBe("'Run rate'!D4"));
  });
});
