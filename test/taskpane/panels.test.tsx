/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { connectPanel } from "./support/connect-panel";
import { RefreshPanel } from "../../src/taskpane/panels/RefreshPanel";
import type { Refresh, RefreshRun } from "../../src/taskpane/state/use-refresh";
import { installResizeObserver } from "./support/jsdom";
import { sessionIn } from "./support/session";

installResizeObserver();

function show(ui: ReactElement) {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

function refreshIn(run: RefreshRun, calls: string[]): Refresh {
  return {
    run,
    lastRefresh: undefined,
    partialRefresh: undefined,
    start: async () => void calls.push("start"),
    stop: () => void calls.push("stop"),
  };
}

describe("the Refresh section", () => {
  it("shows progress as N of M cells, and Stop asks the run to stop", () => {
    const calls: string[] = [];
    const run: RefreshRun = { phase: "running", progress: { done: 750, total: 2000 }, stopping: false };
    show(
      <RefreshPanel refresh={refreshIn(run, calls)} signedIn bound onGo={() => {}} onShowErrors={() => {}} />,
    );
    expect(screen.getByTestId("refresh-progress").textContent).toBe(
      `${(750).toLocaleString()} of ${(2000).toLocaleString()} cells`,
    );
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0.375");
    fireEvent.click(screen.getByRole("button", { name: "Stop" }));
    expect(calls).toEqual(["stop"]);
    expect(screen.queryByRole("button", { name: "Refresh workbook" })).toBeNull();
  });

  it("sums up a finished refresh: updated, unchanged, errors by reason", () => {
    const calls: string[] = [];
    const run: RefreshRun = {
      phase: "done",
      finishedAt: new Date(),
      summary: {
        total: 10,
        done: 10,
        updated: 6,
        unchanged: 1,
        skipped: 0,
        stopped: false,
        cells: [],
        errors: [
          { code: "#N/A", reason: 'unknown member "Comptue"', count: 2 },
          { code: "#VALUE!", reason: "period: must be a period such as 2027-03", count: 1 },
        ],
      },
    };
    const shown: string[] = [];
    show(
      <RefreshPanel
        refresh={refreshIn(run, calls)}
        signedIn
        bound
        onGo={() => {}}
        onShowErrors={() => shown.push("errors")}
      />,
    );
    const figures = screen.getByTestId("refresh-summary");
    expect(
      within(figures)
        .getAllByRole("definition")
        .map((d) => d.textContent),
    ).toEqual(["6", "1", "3"]);
    expect(screen.getByTestId("error-reasons").textContent).toContain('#N/A unknown member "Comptue"');
    fireEvent.click(screen.getByRole("button", { name: "Show the cells in error" }));
    expect(shown).toEqual(["errors"]);
    fireEvent.click(screen.getByRole("button", { name: "Refresh workbook" }));
    expect(calls).toEqual(["start"]);
    expect(screen.queryByTestId("refresh-skipped")).toBeNull();
  });

  it("says how many cells were changed during the refresh and left as changed", () => {
    const run: RefreshRun = {
      phase: "done",
      finishedAt: new Date(),
      summary: {
        total: 10,
        done: 10,
        updated: 5,
        unchanged: 2,
        skipped: 3,
        stopped: false,
        cells: [],
        errors: [],
      },
    };
    show(
      <RefreshPanel refresh={refreshIn(run, [])} signedIn bound onGo={() => {}} onShowErrors={() => {}} />,
    );
    expect(screen.getByTestId("refresh-skipped").textContent).toBe(
      "3 cells were changed while the refresh ran: they were left as changed.",
    );
  });
});

describe("the Connect section", () => {
  it("says what the add-in is for before sign-in", () => {
    show(connectPanel(sessionIn("signed-out", []), { bound: false }));
    expect(screen.getByTestId("welcome").textContent).toMatch(
      /^ITFM for Excel puts your organization's IT cost model/,
    );
  });

  it("says next to the field what is missing, sends nothing, and keeps what was typed", async () => {
    const calls: unknown[][] = [];
    show(connectPanel(sessionIn("signed-out", calls), { bound: false }));
    const address = screen.getByLabelText(/Service address/) as HTMLInputElement;
    fireEvent.change(address, { target: { value: "costs.contoso.test" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sign in" })));
    expect(calls).toEqual([]);
    expect(
      screen.getByText(
        '"costs.contoso.test" is not a web address: it starts with https://, such as https://itfm.example.com.',
      ),
    ).toBeTruthy();
    expect(screen.getByText("Paste the access token your administrator gave you.")).toBeTruthy();
    expect(address.value).toBe("costs.contoso.test");
    expect(address.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("form", { name: "Sign in" }).hasAttribute("novalidate")).toBe(true);
    fireEvent.change(screen.getByLabelText(/Access token/), { target: { value: "tok-1" } });
    expect(screen.queryByText("Paste the access token your administrator gave you.")).toBeNull();
  });

  it("after sign-in, an unbound workbook is offered the next step: Bind this workbook", () => {
    const onBind = jest.fn();
    const { rerender } = show(connectPanel(sessionIn("signed-in", []), { bound: false, onBind }));
    expect(screen.getByTestId("next-step").textContent).toContain("Next, bind this workbook to a cost model");
    fireEvent.click(screen.getByRole("button", { name: "Bind this workbook" }));
    expect(onBind).toHaveBeenCalledTimes(1);
    rerender(
      <FluentProvider theme={webLightTheme}>
        {connectPanel(sessionIn("signed-in", []), { onBind })}
      </FluentProvider>,
    );
    expect(screen.queryByTestId("next-step")).toBeNull();
  });

  it("signs in with the service address and a token typed into a password field", async () => {
    const calls: unknown[][] = [];
    show(connectPanel(sessionIn("signed-out", calls)));
    const token = screen.getByLabelText(/Access token/) as HTMLInputElement;
    expect(token.type).toBe("password");
    fireEvent.change(screen.getByLabelText(/Service address/), {
      target: { value: "https://costs.contoso.test" },
    });
    fireEvent.change(token, { target: { value: "tok-123" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sign in" })));
    expect(calls).toEqual([["signIn", "https://costs.contoso.test", "tok-123"]]);
  });

  it("shows who is signed in, to which tenant and with which role, and signs out", () => {
    const calls: unknown[][] = [];
    show(connectPanel(sessionIn("signed-in", calls)));
    const account = screen.getByTestId("account");
    expect(account.textContent).toContain("Dana Controller");
    expect(account.textContent).toContain("Contoso Finance");
    expect(account.textContent).toContain("Editor");
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    expect(calls).toEqual([["signOut"]]);
  });

  it("says why a sign-in failed in a controller's words, with the request folded under Details", () => {
    const problem = {
      message: "the service did not accept this access token: check that it was pasted whole",
      details: "GET https://itfm.example.com/api/v1/me: HTTP 401 invalid_token: The API token is not valid",
    };
    show(connectPanel(sessionIn("signed-out", [], problem)));
    const alert = screen.getByRole("alert");
    const disclosure = alert.querySelector("details")!;
    expect(disclosure.open).toBe(false);
    expect(disclosure.querySelector("summary")!.textContent).toBe("Details");
    expect(disclosure.textContent).toBe(`Details${problem.details}`);
    expect(alert.textContent).toBe(
      `The service did not accept this access token: check that it was pasted whole${disclosure.textContent}`,
    );
  });
});
