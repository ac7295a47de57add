/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ReactElement } from "react";
import { ServiceError, type CostModelClient } from "../../src/client";
import { StatusHeader } from "../../src/taskpane/components/StatusHeader";
import type { RefreshSummary } from "../../src/taskpane/excel/refresh";
import { refreshOutcome } from "../../src/taskpane/excel/refresh-outcome";
import { BindPanel } from "../../src/taskpane/panels/BindPanel";
import { connectPanel } from "./support/connect-panel";
import { RefreshPanel } from "../../src/taskpane/panels/RefreshPanel";
import type { BindingState } from "../../src/taskpane/state/use-binding";
import type { Session } from "../../src/taskpane/state/use-session";
import { installResizeObserver } from "./support/jsdom";
import { sessionIn } from "./support/session";

installResizeObserver();

const show = (ui: ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

const now = new Date(2026, 10, 23, 18, 43);
const before = new Date(2026, 10, 23, 18, 42);
const summary = (cells: number, extra: Partial<RefreshSummary> = {}): RefreshSummary => ({
  total: cells,
  done: cells,
  updated: 0,
  unchanged: cells,
  skipped: 0,
  stopped: false,
  cells: [],
  errors: [],
  ...extra,
});
const clock = (moment: Date) => moment.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });

describe("a refresh while the service cannot be reached", () => {
  it("says nothing was refreshed and which values were kept, and keeps the saved time", () => {
    const outcome = refreshOutcome(summary(1), { remote: 1, unreachable: 1, keptFrom: before }, now, now);
    expect(outcome).toEqual({
      intent: "warning",
      text: `Service unreachable — nothing refreshed; values from ${clock(before)} kept.`,
      current: false,
    });
  });

  it("counts the cells refreshed and those that could not reach the service", () => {
    const outcome = refreshOutcome(
      summary(10, { skipped: 1 }),
      { remote: 8, unreachable: 3, keptFrom: before },
      now,
      now,
    );
    expect(outcome.intent).toBe("warning");
    expect(outcome.text).toBe(
      `Refreshed 6 cells; 3 cells could not reach the service — values from ${clock(before)} kept.`,
    );
    expect(outcome.current).toBe(true);
  });

  it("never says values were kept when the cells show an error for want of one", () => {
    const errors = [{ code: "#N/A", reason: "Not connected", count: 1 }];
    const none = refreshOutcome(
      summary(1, { errors }),
      { remote: 1, unreachable: 1, keptFrom: before },
      now,
      now,
    );
    expect(none.text).toBe("Service unreachable — nothing refreshed. 1 cell shows an error.");
    const some = refreshOutcome(
      summary(3, { errors }),
      { remote: 3, unreachable: 3, keptFrom: before },
      now,
      now,
    );
    expect(some.text).toBe(
      `Service unreachable — nothing refreshed; values from ${clock(before)} kept. 1 cell shows an error.`,
    );
  });

  it("without any value kept, says so plainly; online, a refresh is a success", () => {
    expect(
      refreshOutcome(summary(2), { remote: 2, unreachable: 2, keptFrom: undefined }, now, now).text,
    ).toBe("Service unreachable — nothing refreshed.");
    const online = refreshOutcome(summary(2), { remote: 2, unreachable: 0, keptFrom: undefined }, now, now);
    expect(online).toMatchObject({ intent: "success", current: true });
    expect(online.text).toMatch(/^Refreshed 2 cells today at /);
  });

  it("shows the warning in the Refresh section, never a success", () => {
    const run = {
      phase: "done" as const,
      summary: summary(1),
      finishedAt: now,
      reach: { remote: 1, unreachable: 1, keptFrom: before },
    };
    const refresh = {
      run,
      lastRefresh: before,
      partialRefresh: undefined,
      start: async () => {},
      stop: () => {},
    };
    show(<RefreshPanel refresh={refresh} signedIn bound onGo={() => {}} onShowErrors={() => {}} />);
    const bar = screen.getByTestId("refresh-outcome");
    expect(bar.textContent).toContain("Service unreachable — nothing refreshed");
    expect(bar.className).not.toMatch(/success/i);
  });
});

const HEALTH = { checking: false, tryAgain: jest.fn() };
const offlineStatus = { state: "offline", since: now, reason: "down", valuesAsOf: before } as const;

describe("the header while offline", () => {
  it("offers Try again, which checks at once; online it does not", () => {
    const tryAgain = jest.fn();
    const header = (online: boolean) => (
      <StatusHeader
        status={online ? { state: "online", since: now } : offlineStatus}
        reachable
        binding={undefined}
        lastRefresh={before}
        account={undefined}
        health={{ checking: false, tryAgain }}
      />
    );
    const { rerender } = show(header(false));
    expect(screen.getByTestId("connection-status").textContent).toBe("Offline");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(tryAgain).toHaveBeenCalledTimes(1);
    rerender(<FluentProvider theme={webLightTheme}>{header(true)}</FluentProvider>);
    expect(screen.getByTestId("connection-status").textContent).toBe("Online");
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });

  it("while a check runs, says Checking… as readable text, not as a greyed-out button", () => {
    show(
      <StatusHeader
        status={offlineStatus}
        reachable
        binding={undefined}
        lastRefresh={before}
        account={undefined}
        health={{ checking: true, tryAgain: jest.fn() }}
      />,
    );
    expect(screen.getByText("Checking…")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });
});

describe("Connect while offline or while signing in", () => {
  it("never says Connected while the service does not answer", () => {
    show(connectPanel(sessionIn("signed-in", []), { offline: true, health: HEALTH }));
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Signed in · service unreachable");
    expect(screen.getByTestId("connect-offline").textContent).toContain("The service does not answer");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(HEALTH.tryAgain).toHaveBeenCalled();
  });

  it("offers Cancel while signing in", () => {
    const calls: unknown[][] = [];
    show(connectPanel(sessionIn("signing-in", calls), { health: HEALTH }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(calls).toEqual([["cancelSignIn"]]);
  });

  it("keeps the typed token when the sign-in fails", async () => {
    show(connectPanel(sessionIn("signed-out", []), { health: HEALTH }));
    const token = screen.getByLabelText(/Access token/) as HTMLInputElement;
    fireEvent.change(token, { target: { value: "tok-123" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sign in" })));
    expect(token.value).toBe("tok-123");
  });
});

describe("Bind when the models cannot be loaded", () => {
  it("ends the loading in an error with Try again, which loads them", async () => {
    const answers: (() => unknown)[] = [
      () => {
        throw new ServiceError("unreachable", "not connected to the cost-model service (down)");
      },
      () => ({ models: [{ id: "m1", name: "ITFM Demo", currency: "USD", createdAt: now.toISOString() }] }),
    ];
    const client = {
      get: async (path: string) => (path === "/models" ? answers.shift()!() : { versions: [] }),
      query: async () => ({ value: ["Actual", "Budget"] }),
    } as unknown as CostModelClient;
    const binding = { loaded: true, binding: undefined, save: async () => {} } as unknown as BindingState;
    const session: Session = sessionIn("signed-in", []);
    show(
      <BindPanel
        client={client}
        session={session}
        binding={binding}
        origin={undefined}
        offline
        onRefresh={() => {}}
      />,
    );
    await screen.findByText(/Not connected to the cost-model service/, undefined, { timeout: 10_000 });
    expect(screen.queryByText("Loading models…")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(
      () => expect(screen.getByRole("combobox", { name: "Model" }).textContent).toBe("ITFM Demo"),
      { timeout: 10_000 },
    );
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });
});
