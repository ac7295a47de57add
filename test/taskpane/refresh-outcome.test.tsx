/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { Button } from "@fluentui/react-components";
import { fireEvent, render, screen } from "@testing-library/react";
import { StatusHeader } from "../../src/taskpane/components/StatusHeader";
import { lastRefreshText } from "../../src/taskpane/connection-status";
import type { RefreshSummary } from "../../src/taskpane/excel/refresh";
import { NO_REACH, refreshOutcome } from "../../src/taskpane/excel/refresh-outcome";
import { RefreshPanel } from "../../src/taskpane/panels/RefreshPanel";
import type { Refresh } from "../../src/taskpane/state/use-refresh";
import { installResizeObserver } from "./support/jsdom";
import { sessionIn } from "./support/session";
import { BindPanel } from "../../src/taskpane/panels/BindPanel";
import type { BindingState } from "../../src/taskpane/state/use-binding";
import type { CostModelClient } from "../../src/client";

installResizeObserver();

const now = new Date(2026, 10, 23, 18, 43);
const earlier = new Date(2026, 10, 22, 9, 5);
const summary = (extra: Partial<RefreshSummary>): RefreshSummary => ({
  total: 10_000,
  done: 10_000,
  updated: 9_376,
  unchanged: 0,
  skipped: 0,
  stopped: false,
  cells: [],
  errors: [],
  ...extra,
});
const unknownMembers = [
  { code: "#N/A", reason: 'unknown member "Storag" — did you mean "Storage"?', count: 600 },
  { code: "#VALUE!", reason: "a bad period", count: 24 },
];
const idle = (run: Refresh["run"]): Refresh => ({
  run,
  lastRefresh: undefined,
  partialRefresh: undefined,
  start: async () => undefined,
  stop: () => undefined,
});
// Fluent's classes are hashed: a primary button is told by having the classes of one.
const show = (refresh: Refresh, signedIn = true, bound = true, onGo = jest.fn()) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <Button appearance="primary">Primary</Button>
      <RefreshPanel refresh={refresh} signedIn={signedIn} bound={bound} onShowErrors={() => {}} onGo={onGo} />
    </FluentProvider>,
  );

describe("what a finished refresh says", () => {
  it("counts only the cells brought up to date, and says how many show an error", () => {
    const outcome = refreshOutcome(summary({ errors: unknownMembers }), NO_REACH, now, now);
    expect(outcome.intent).toBe("warning");
    expect(outcome.text).toMatch(/^Refreshed 9,376 of 10,000 cells today at .+; 624 cells show an error\.$/);
    expect(outcome.current).toBe(true);
  });

  it("says nothing refreshed when every cell went to an error", () => {
    const all = summary({ total: 624, done: 624, updated: 0, errors: unknownMembers });
    expect(refreshOutcome(all, NO_REACH, now, now)).toMatchObject({
      intent: "warning",
      text: "Nothing refreshed: all 624 cells show an error.",
    });
  });

  it("is a plain success when every cell refreshed", () => {
    const outcome = refreshOutcome(summary({ updated: 10_000 }), NO_REACH, now, now);
    expect(outcome).toMatchObject({ intent: "success", current: true });
    expect(outcome.text).toMatch(/^Refreshed 10,000 cells today at [^;]+\.$/);
  });

  it("stopped: how far it got and that the rest keep their values; the saved time stays", () => {
    const stopped = summary({
      done: 500,
      updated: 499,
      stopped: true,
      errors: [{ ...unknownMembers[1], count: 1 }],
    });
    const outcome = refreshOutcome(stopped, NO_REACH, now, now);
    expect(outcome).toMatchObject({ intent: "warning", current: false });
    expect(outcome.text).toBe(
      "Stopped after 500 of 10,000 cells: the other 9,500 keep their earlier values. 1 cell shows an error.",
    );
  });
});

describe("when the workbook was last refreshed", () => {
  it("says a stopped refresh was partial, with how far it got, until a whole refresh follows", () => {
    const partial = { at: now, done: 499, total: 10_000 };
    expect(lastRefreshText(undefined, partial, now)).toMatch(
      /^Partly refreshed today at .+ \(499 of 10,000 cells\)$/,
    );
    expect(lastRefreshText(earlier, partial, now)).toMatch(/^Partly refreshed today/);
    expect(lastRefreshText(now, { ...partial, at: earlier }, now)).toMatch(/^Refreshed today at /);
    expect(lastRefreshText(undefined, undefined, now)).toBe("Not refreshed yet");
  });

  it("shows the partial refresh in the header instead of Not refreshed yet", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <StatusHeader
          status={{ state: "online", since: now }}
          reachable
          binding={undefined}
          lastRefresh={undefined}
          partialRefresh={{ at: new Date(), done: 499, total: 10_000 }}
          account={undefined}
        />
      </FluentProvider>,
    );
    expect(screen.getByTestId("last-refresh").textContent).toMatch(
      /^Partly refreshed today .*499 of 10,000 cells/,
    );
  });
});

const primaryClasses = () => screen.getByRole("button", { name: "Primary" }).className;

describe("the next step in Refresh", () => {
  it("signed out: Refresh is not the primary action, and Sign in is offered", () => {
    const onGo = jest.fn();
    show(idle({ phase: "idle" }), false, false, onGo);
    expect(screen.getByRole("button", { name: "Refresh workbook" }).className).not.toBe(primaryClasses());
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(onGo).toHaveBeenCalledWith("connect");
  });

  it("signed in but unbound: Bind this workbook; bound: Refresh is the primary action", () => {
    const onGo = jest.fn();
    const { unmount } = show(idle({ phase: "idle" }), true, false, onGo);
    fireEvent.click(screen.getByRole("button", { name: "Bind this workbook" }));
    expect(onGo).toHaveBeenCalledWith("bind");
    unmount();
    show(idle({ phase: "idle" }));
    expect(screen.queryByTestId("refresh-next-step")).toBeNull();
    expect(screen.getByRole("button", { name: "Refresh workbook" }).className).toBe(primaryClasses());
  });

  it("Bind, signed out, offers Sign in", () => {
    const onSignIn = jest.fn();
    const binding = { loaded: true, binding: undefined, save: async () => {} } as unknown as BindingState;
    render(
      <FluentProvider theme={webLightTheme}>
        <BindPanel
          client={{} as CostModelClient}
          session={sessionIn("signed-out", [])}
          binding={binding}
          origin={undefined}
          offline={false}
          onRefresh={() => {}}
          onSignIn={onSignIn}
        />
      </FluentProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(onSignIn).toHaveBeenCalled();
  });

  it("a workbook without ITFM cells: nothing refreshed, and Insert a formula", () => {
    const onGo = jest.fn();
    const empty = summary({ total: 0, done: 0, updated: 0 });
    show(idle({ phase: "done", summary: empty, finishedAt: now }), true, true, onGo);
    const outcome = screen.getByTestId("refresh-outcome");
    expect(outcome.textContent).toContain("Nothing to refresh: this workbook has no ITFM formulas yet.");
    expect(outcome.textContent).not.toMatch(/Refreshed/);
    fireEvent.click(screen.getByRole("button", { name: "Insert a formula" }));
    expect(onGo).toHaveBeenCalledWith("insert");
  });
});
