import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { ClientStatus } from "../../src/client";
import { statusView } from "../../src/taskpane/connection-status";
import { isDarkOfficeTheme, paneTheme } from "../../src/taskpane/theme";

describe("the Office theme", () => {
  it("is dark when Office says so, or when its body background is dark", () => {
    expect(isDarkOfficeTheme({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#262626" })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#000000" })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#FFFFFF" })).toBe(false);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#E6E6E6" })).toBe(false);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "not a colour" })).toBe(false);
    expect(isDarkOfficeTheme(undefined)).toBe(false);
  });

  it("picks Fluent's dark or light web theme", () => {
    expect(paneTheme({ bodyBackgroundColor: "#292929" })).toBe(webDarkTheme);
    expect(paneTheme({ bodyBackgroundColor: "#FFFFFF" })).toBe(webLightTheme);
  });
});

describe("the connection status the pane shows", () => {
  const now = new Date(2026, 10, 23, 15, 0);
  const lastRefresh = new Date(2026, 10, 23, 9, 30);

  it("is signed out, online, or offline with the time of the values shown", () => {
    expect(statusView({ state: "signed-out", reason: "sign in" }, true, undefined, now).tone).toBe(
      "signed-out",
    );
    expect(statusView({ state: "online", since: now }, true, lastRefresh, now).tone).toBe("online");

    const offline: ClientStatus = {
      state: "offline",
      since: now,
      reason: "the network failed",
      valuesAsOf: new Date(2026, 10, 22, 17, 45),
    };
    const view = statusView(offline, true, lastRefresh, now);
    expect(view.tone).toBe("offline");
    expect(view.detail).toMatch(/^Showing values as of .*2026/);
    expect(view.detail).toContain("22");
  });

  it("is offline, as of the last refresh, when the service does not answer the pane", () => {
    const view = statusView({ state: "online", since: now }, false, lastRefresh, now);
    expect(view).toMatchObject({ tone: "offline" });
    expect(view.detail).toMatch(/^Showing values as of today at /);
    expect(statusView({ state: "online", since: now }, false, undefined, now).detail).toMatch(
      /does not answer/,
    );
  });
});
