import type { Browser, Page } from "playwright-core";
import { violations } from "./support/axe";
import { chromiumAvailable, launchChromium } from "./support/browser";
import { newExcel, openPane, PANE_WIDTH } from "./support/pane";
import { screenshot } from "./support/screenshots";
import { startService, type RunningService } from "./support/service";

/**
 * The first minutes of a new user, on the light and the dark pane: what the add-in is for, the
 * sign-in's own field messages, a wrong token or address in a controller's words with the
 * request under Details, and the next step after signing in. Runs in order.
 */
const run = chromiumAvailable() ? describe : describe.skip;
jest.setTimeout(120_000);

let service: RunningService;
let browser: Browser;
const pages: { theme: "light" | "dark"; page: Page }[] = [];

async function onBoth(state: string, step: (page: Page) => Promise<void>): Promise<void> {
  for (const { theme, page } of pages) {
    await step(page);
    expect(await violations(page)).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
      PANE_WIDTH,
    );
    await screenshot(page, theme === "light" ? state : `${state}-dark`);
  }
}

const address = (page: Page) => page.getByRole("textbox", { name: /Service address/ });
const token = (page: Page) => page.getByLabel(/Access token/);
const signIn = (page: Page) => page.getByRole("button", { name: "Sign in" });

run("the first run of the task pane", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    service = await startService();
    for (const theme of ["light", "dark"] as const)
      pages.push({ theme, page: await openPane(await newExcel(browser, { theme }), service.url) });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it("says what the add-in is for, and answers an empty sign-in next to its fields", async () => {
    await onBoth("first-run-fields", async (page) => {
      await page
        .getByTestId("welcome")
        .getByText(/puts your organization's IT cost model/)
        .waitFor();
      await page.waitForFunction(
        (url) => (document.querySelector('input[type="url"]') as HTMLInputElement | null)?.value === url,
        service.url,
      );
      await address(page).fill("costs.contoso.test");
      await signIn(page).click();
      await page.getByText('"costs.contoso.test" is not a web address', { exact: false }).waitFor();
      await page.getByText("Paste the access token your administrator gave you.").waitFor();
      // The browser's own check would have stopped the submit with a bubble: these come from the pane.
      await expect(address(page).inputValue()).resolves.toBe("costs.contoso.test");
    });
  });

  it("a token the service does not accept: said in words, the request under Details, the token kept", async () => {
    await onBoth("first-run-wrong-token", async (page) => {
      await address(page).fill(service.url);
      await token(page).fill("itfm_not-the-right-token");
      await signIn(page).click();
      const alert = page.getByRole("alert");
      await alert.getByText(/^The service did not accept this access token/).waitFor();
      await expect(alert.locator("details").getAttribute("open")).resolves.toBeNull();
      // What is shown (the folded details are not): no request line, no status.
      await expect(alert.innerText()).resolves.not.toMatch(/GET|HTTP|\/api\/v1/);
      await expect(token(page).inputValue()).resolves.toBe("itfm_not-the-right-token");
    });
  });

  it("an address that is not the service's says to check the address", async () => {
    await onBoth("first-run-wrong-address", async (page) => {
      await address(page).fill(`${service.url}/healthz`);
      await token(page).fill(service.token);
      await signIn(page).click();
      await page
        .getByRole("alert")
        .getByText(`No cost-model service answers at ${service.url}/healthz: check the service address`, {
          exact: false,
        })
        .waitFor();
    });
  });

  it("after sign-in, an unbound workbook is offered Bind this workbook, which opens Bind", async () => {
    await onBoth("first-run-next-step", async (page) => {
      await address(page).fill(service.url);
      await signIn(page).click();
      await page
        .getByTestId("next-step")
        .getByText(/^Next, bind this workbook to a cost model/)
        .waitFor();
    });
    for (const { page } of pages) {
      await page.getByRole("button", { name: "Bind this workbook" }).click();
      await page.getByRole("combobox", { name: "Model" }).waitFor();
      await expect(page.getByRole("tab", { name: "Bind" }).getAttribute("aria-selected")).resolves.toBe(
        "true",
      );
    }
  });
});
