/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { ImportRefused, ServiceError, type CostModelClient } from "../../src/client";
import type { ImportProgress, ImportResult } from "../../src/contract/imports";
import { ImportPanel } from "../../src/taskpane/panels/ImportPanel";
import { useImport, type ImportRun, type ImportState } from "../../src/taskpane/state/use-import";
import type { Session } from "../../src/taskpane/state/use-session";
import { installResizeObserver } from "./support/jsdom";

installResizeObserver();

const MODEL_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const DRAFT_ID = "6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60";
const binding = { model: "Contoso IT", version: "Draft 2027" };

const version = (id: string, label: string, status: "draft" | "published") => ({
  id,
  modelId: MODEL_ID,
  label,
  status,
  revision: 1,
  basedOn: null,
  createdAt: "2026-11-02T10:00:00Z",
  createdBy: null,
  publishedAt: status === "published" ? "2026-11-03T10:00:00Z" : null,
  publishedBy: null,
});

/** A client whose catalog holds one model with `versions`; imports go to `importFile`. */
function fakeClient(
  versions: ReturnType<typeof version>[],
  calls: Partial<CostModelClient> = {},
): CostModelClient {
  return {
    get: async (path: string) =>
      path === "/models"
        ? {
            models: [
              { id: MODEL_ID, name: binding.model, currency: "USD", createdAt: "2026-01-01T00:00:00Z" },
            ],
          }
        : { versions },
    query: async () => ({ value: ["Actual", "Budget", "Forecast"] }),
    expireShortLived: () => undefined,
    ...calls,
  } as unknown as CostModelClient;
}

const session = (phase: Session["phase"] = "signed-in"): Session => ({
  serviceUrl: "https://itfm.example.com",
  account: undefined,
  phase,
  problem: undefined,
  reachable: true,
  signIn: async () => false,
  cancelSignIn: () => {},
  signOut: async () => undefined,
  recheck: async () => undefined,
});

const importerIn = (run: ImportRun, started: unknown[] = []): ImportState => ({
  run,
  start: async (request) => void started.push(request),
});

function show(ui: ReactElement) {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

/** The panel's lists (drafts, scenarios) have come in: nothing changes after the test. */
const listsLoaded = () =>
  waitFor(() =>
    expect(screen.getByRole("combobox", { name: /^Draft version/ }).textContent).toContain("Draft 2027"),
  );

const drafts = [version(DRAFT_ID, "Draft 2027", "draft"), version(MODEL_ID, "Budget 2026", "published")];

/** The panel after a cloud bill was imported into "Draft 2027" with this answer. */
function showImported(result: ImportResult) {
  const request = {
    versionId: DRAFT_ID,
    versionLabel: "Draft 2027",
    kind: "focus" as const,
    file: new File([], "bill.csv"),
  };
  show(
    <ImportPanel
      client={fakeClient(drafts)}
      session={session()}
      binding={binding}
      importer={importerIn({ phase: "done", request, result })}
    />,
  );
}

describe("the Import section", () => {
  it("asks to sign in, then to bind, before it offers anything", () => {
    const client = fakeClient(drafts);
    const went: string[] = [];
    const onGo = (section: string) => void went.push(section);
    const { rerender } = show(
      <ImportPanel
        client={client}
        session={session("signed-out")}
        binding={binding}
        importer={importerIn({ phase: "idle" })}
        onGo={onGo}
      />,
    );
    expect(screen.getByText(/^Sign in first/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    rerender(
      <FluentProvider theme={webLightTheme}>
        <ImportPanel
          client={client}
          session={session()}
          binding={undefined}
          importer={importerIn({ phase: "idle" })}
          onGo={onGo}
        />
      </FluentProvider>,
    );
    expect(screen.getByText(/^Bind this workbook to a model first/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Bind this workbook" }));
    // Each empty state carries its next step.
    expect(went).toEqual(["connect", "bind"]);
  });

  it("offers the model's drafts only, and sends the chosen file, kind and scenario", async () => {
    const started: unknown[] = [];
    show(
      <ImportPanel
        client={fakeClient(drafts)}
        session={session()}
        binding={binding}
        importer={importerIn({ phase: "idle" }, started)}
      />,
    );
    const draft = await screen.findByRole("combobox", { name: /^Draft version/ });
    await waitFor(() => expect(draft.textContent).toContain("Draft 2027"));
    const importButton = screen.getByRole("button", { name: "Import" }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    fireEvent.click(screen.getByRole("radio", { name: /^Driver quantities/ }));
    const file = new File(["driver,member,period,scenario,quantity\n"], "heads.csv", { type: "text/csv" });
    const input = screen.getByLabelText(/^File/) as HTMLInputElement;
    expect(input.accept).toContain(".csv");
    fireEvent.change(input, { target: { files: [file] } });
    await act(async () => fireEvent.click(importButton));
    expect(started).toEqual([
      {
        versionId: DRAFT_ID,
        versionLabel: "Draft 2027",
        kind: "driver_quantities",
        scenario: undefined,
        file,
      },
    ]);
  });

  it("says published versions cannot be imported into when the model has no draft", async () => {
    show(
      <ImportPanel
        client={fakeClient([version(MODEL_ID, "Budget 2026", "published")])}
        session={session()}
        binding={binding}
        importer={importerIn({ phase: "idle" })}
      />,
    );
    expect((await screen.findByText(/has no draft/)).textContent).toContain(
      "published versions cannot be imported into",
    );
  });

  it("shows how far the service has read, as rows and a bar of the bytes", async () => {
    const progress = {
      bytesTotal: 2000,
      bytesRead: 1000,
      rowsRead: 12_000,
      badRows: 0,
      status: "running",
    } as ImportProgress;
    show(
      <ImportPanel
        client={fakeClient(drafts)}
        session={session()}
        binding={binding}
        importer={importerIn({ phase: "running", filename: "q4.csv", progress })}
      />,
    );
    expect(screen.getByTestId("import-progress").textContent).toBe(`${(12_000).toLocaleString()} rows read`);
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0.5");
    expect((screen.getByRole("button", { name: "Import" }) as HTMLButtonElement).disabled).toBe(true);
    await listsLoaded();
  });

  it("sums up a success in a controller's words", async () => {
    const result = {
      importId: DRAFT_ID,
      kind: "focus",
      costLines: 1234,
      driverQuantities: 0,
      newMembers: 3,
      revision: 2,
      count: 1234,
      warnings: [],
    } as ImportResult;
    showImported(result);
    expect(screen.getByTestId("import-success").textContent).toBe(
      `Imported ${(1234).toLocaleString()} cost lines from the cloud bill into Draft 2027 (3 new consumers).`,
    );
    await listsLoaded();
  });

  it("lists what the allocation will refuse after a success, with a bill's months behind Details", async () => {
    const result: ImportResult = {
      importId: DRAFT_ID,
      kind: "focus",
      costLines: 12,
      driverQuantities: 0,
      newMembers: 0,
      revision: 3,
      count: 12,
      warnings: [
        {
          code: "months_outside",
          message:
            "the file's billing months (2024-01) all fall outside the months this version holds (2026-01 to " +
            "2027-06); to book the whole file into one of them, import it again with bookToPeriod",
          months: 1,
        },
        {
          code: "parent_lines",
          message:
            'pool "Staffing" is a parent of other pools and has cost lines of its own, which no rule passes on: ' +
            'book them to one of its sub-pools ("Internal Labor" or "Staff Augmentation"), or give "Staffing" a ' +
            "pool-to-tower rule (in Forecast 2027-01)",
          months: 1,
        },
      ],
    };
    showImported(result);
    expect(screen.getByTestId("import-success").textContent).toBe(
      "Imported 12 cost lines from the cloud bill into Draft 2027.",
    );
    const warnings = screen.getByTestId("import-warnings");
    expect(within(warnings).getByRole("status").textContent).toBe("Before this draft can be published:");
    const items = within(warnings).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(
        /^The cloud bill's months all fall outside the months this version holds.*Details/,
      ),
      expect.stringMatching(/^Pool "Staffing" is a parent of other pools .* \(in Forecast 2027-01\)$/),
    ]);
    // The setting of the API that would book the bill into one month is behind Details, not in the text.
    expect(
      within(items[0])
        .getByText(/bookToPeriod/)
        .closest("details"),
    ).not.toBeNull();
    await listsLoaded();
  });

  it("lists the first 50 bad rows, says how many more, and folds the technical part away", async () => {
    const problems = Array.from({ length: 60 }, (_, i) => ({
      row: i + 2,
      column: "amount",
      reason: `"x${i}" is not a number`,
    }));
    const details = "POST https://itfm.example.com/api/v1/versions/…/import: HTTP 422 import_rejected";
    show(
      <ImportPanel
        client={fakeClient(drafts)}
        session={session()}
        binding={binding}
        importer={importerIn({ phase: "refused", problems, rowsWithErrors: 1234, details })}
      />,
    );
    const refused = screen.getByTestId("import-refused");
    expect(within(refused).getByRole("alert").textContent).toBe(
      `Nothing was imported: ${(1234).toLocaleString()} rows have problems.`,
    );
    const items = within(screen.getByRole("list", { name: "Problems in the file" })).getAllByRole("listitem");
    expect(items).toHaveLength(50);
    expect(items[0].textContent).toBe('Row 2, amount: "x0" is not a number');
    expect(screen.getByTestId("import-more-problems").textContent).toBe(
      `…and ${(1184).toLocaleString()} more rows with problems.`,
    );
    const disclosure = refused.querySelector("details")!;
    expect(disclosure.open).toBe(false);
    expect(disclosure.querySelector("summary")!.textContent).toBe("Details");
    expect(disclosure.textContent).toContain("HTTP 422");
    await listsLoaded();
  });
});

function Harness({ client, onState }: { client: CostModelClient; onState(state: ImportState): void }) {
  onState(useImport(client, "https://itfm.example.com", 5));
  return null;
}

describe("an import under way", () => {
  const request = {
    versionId: DRAFT_ID,
    versionLabel: "Draft 2027",
    kind: "cost_lines" as const,
    file: new File(["x"], "q4.csv"),
  };

  /** The hook in a component of its own, with a client whose import and progress are given. */
  function mount(importFile: () => Promise<ImportResult>, progress: () => Promise<ImportProgress>) {
    const hook = { state: undefined as unknown as ImportState, seen: [] as ImportRun[] };
    const client = fakeClient(drafts, { importFile, importProgress: progress } as Partial<CostModelClient>);
    render(
      <Harness
        client={client}
        onState={(s) => {
          hook.state = s;
          hook.seen.push(s.run);
        }}
      />,
    );
    return hook;
  }

  async function runWith(importFile: () => Promise<ImportResult>, progress: () => Promise<ImportProgress>) {
    const hook = mount(importFile, progress);
    await act(() => hook.state.start(request));
    return hook;
  }

  it("keeps asking quietly when a progress question fails; the file's answer ends it", async () => {
    let asked = 0;
    let finish!: (result: ImportResult) => void;
    const answer = new Promise<ImportResult>((resolve) => (finish = resolve));
    const progress = async () => {
      asked++;
      if (asked < 3) throw new ServiceError("unreachable", "no answer within 5 s");
      return { rowsRead: 7, bytesRead: 1, bytesTotal: 1, badRows: 0, status: "running" } as ImportProgress;
    };
    const hook = mount(() => answer, progress);
    let done!: Promise<void>;
    act(() => void (done = hook.state.start(request)));
    await waitFor(() =>
      expect(hook.seen.some((run) => run.phase === "running" && run.progress?.rowsRead === 7)).toBe(true),
    );
    expect(asked).toBeGreaterThanOrEqual(3);
    await act(async () => {
      finish({
        importId: DRAFT_ID,
        kind: "cost_lines",
        costLines: 7,
        driverQuantities: 0,
        newMembers: 0,
        warnings: [],
        revision: 2,
        count: 7,
      });
      await done;
    });
    expect(hook.state.run.phase).toBe("done");
    const after = asked;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(asked).toBe(after);
  });

  it("a busy service: try again in a minute", async () => {
    const busy = new ServiceError(
      "refused",
      "the cost-model service failed (HTTP 503): …",
      "POST …: HTTP 503 busy_importing",
      503,
      "busy_importing",
    );
    const { state } = await runWith(
      () => Promise.reject(busy),
      () => new Promise(() => undefined),
    );
    expect(state.run).toEqual({
      phase: "failed",
      problem: {
        message: "The service is reading other imports; try again in a minute.",
        details: busy.details,
      },
    });
  });

  it("bad rows: the rows and their count", async () => {
    const refused = new ImportRefused(
      "17 rows have errors; nothing was imported",
      "POST …",
      [{ row: 3, column: "period", reason: "not a month" }],
      17,
    );
    const { state } = await runWith(
      () => Promise.reject(refused),
      () => new Promise(() => undefined),
    );
    expect(state.run).toMatchObject({ phase: "refused", rowsWithErrors: 17, problems: refused.problems });
  });
});
