/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { cellErrors, clearCellError, recordCellError } from "../../src/functions/cell-errors";
import { DiagnosticsPanel, sessionCounts } from "../../src/taskpane/panels/DiagnosticsPanel";
import { CELLS_PER_STEP } from "../../src/taskpane/panels/ErrorGroups";
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
          // 250 cells in error for one reason: one group, not 250 cards.
          ...Object.fromEntries(
            Array.from({ length: 250 }, (_, i) => [
              `B${i + 2}`,
              '=ITFM.DEPRECIATION(A1, 10000, 0, "ddb", 1)',
            ]),
          ),
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

const NUM = "a number is out of range, or the calculation does not converge";

function showDiagnostics() {
  render(
    <FluentProvider theme={webLightTheme}>
      <Diagnostics />
    </FluentProvider>,
  );
}

async function groups() {
  const list = await screen.findByRole("list", { name: "Errors by reason" });
  return within(list)
    .getAllByRole("listitem")
    .filter((item) => item.parentElement === list);
}

describe("the Errors view", () => {
  it("groups the cells in error by reason with counts, the most frequent first, with the formula's message", async () => {
    recordCellError("'Run rate'!C3", "#VALUE!", 'periods_total: expected a number, got text "twelve"');
    showDiagnostics();
    const items = await groups();
    expect(items).toHaveLength(3);
    expect(items[0].textContent).toContain(`250#NUM! ${NUM}`);
    // Groups of the same size in the order of their reasons.
    expect(items[1].textContent).toContain("1#NAME? Excel does not know this function");
    expect(items[2].textContent).toContain('1#VALUE! periods_total: expected a number, got text "twelve"');
    expect(screen.getByTestId("error-count").textContent).toBe("252 cells show an error, for 3 reasons.");
    // 250 cells, yet no list of them until asked for.
    expect(screen.queryAllByRole("button", { name: /^Budget!B\d+$/ })).toHaveLength(0);
    expect(screen.getByTestId("status-facts").textContent).toContain("Signed out");
  });

  it("filters by sheet", async () => {
    showDiagnostics();
    await groups();
    fireEvent.change(screen.getByRole("combobox", { name: "Sheet" }), { target: { value: "Run rate" } });
    const items = await groups();
    expect(items).toHaveLength(2);
    expect(items.map((item) => item.textContent).join(" ")).not.toContain("#NUM!");
    expect(
      (screen.getByRole("combobox", { name: "Sheet" }) as HTMLSelectElement).selectedOptions[0].textContent,
    ).toBe("Run rate (2)");
  });

  it("goes to the first cell of a group, and lists its cells a step at a time", async () => {
    showDiagnostics();
    const [numbers] = await groups();
    fireEvent.click(within(numbers).getByRole("button", { name: "Go to first, Budget!B2" }));
    await waitFor(() => expect(host.selection()).toBe("Budget!B2"));

    fireEvent.click(within(numbers).getByRole("button", { name: "List the 250 cells" }));
    const cells = () => within(numbers).getAllByRole("button", { name: /^Budget!B\d+$/ });
    expect(cells()).toHaveLength(CELLS_PER_STEP);
    fireEvent.click(within(numbers).getByRole("button", { name: `Show ${CELLS_PER_STEP} more` }));
    expect(cells()).toHaveLength(2 * CELLS_PER_STEP);
    expect(within(numbers).getByText(`${2 * CELLS_PER_STEP} of 250 listed`)).toBeTruthy();
    fireEvent.click(within(numbers).getByRole("button", { name: "Budget!B70" }));
    await waitFor(() => expect(host.selection()).toBe("Budget!B70"));
    fireEvent.click(within(numbers).getByRole("button", { name: "Hide the list" }));
    expect(within(numbers).queryAllByRole("button", { name: /^Budget!B\d+$/ })).toHaveLength(0);
  });

  it("a group of one cell goes to it", async () => {
    showDiagnostics();
    const [, name] = await groups();
    fireEvent.click(within(name).getByRole("button", { name: "Go to 'Run rate'!D4" }));
    await waitFor(() => expect(host.selection()).toBe("'Run rate'!D4"));
  });
});

describe("the session's figures", () => {
  const counts = {
    requestsSent: 10,
    retries: 0,
    cellsAnswered: 40,
    answeredFromCache: 24,
    answeredOffline: 0,
    answeredWithError: 0,
    answeredUnreachable: 0,
    storeErrors: 0,
  };
  it("are said in words", () => {
    expect(sessionCounts(counts)).toBe(
      "40 cost-model cells calculated, 24 of them from answers already received; 10 calls to the service.",
    );
    expect(sessionCounts({ ...counts, cellsAnswered: 0 })).toBe(
      "No cost-model cell has been calculated since the pane opened.",
    );
  });
});
