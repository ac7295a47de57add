import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { chromiumAvailable, launchChromium } from "./support/browser";
import { newExcel, openPane, PANE_WIDTH } from "./support/pane";
import { screenshot } from "./support/screenshots";
import { startService, type RunningService } from "./support/service";
import { bindDemoDraft, expectAccessible } from "./support/steps";

/**
 * The Import section of the built task pane, served by the real service on loopback, in a fake
 * Excel: an editor imports a real file of cost lines into the demo model's draft, then a file
 * with bad rows; in light and in dark.
 */
const run = chromiumAvailable() ? describe : describe.skip;

const MODEL = "ITFM Demo";
const DRAFT = "FY2026-27 v2 (draft)";
const ROWS = 20_000;
const PERIOD = "2026-12";
const SCENARIO = "Forecast";

let service: RunningService;
let browser: Browser;
let editorToken: string;
let draftId: string;
let leafPools: string[];

async function api<T>(method: string, path: string, body?: unknown, token = service.token): Promise<T> {
  const response = await fetch(`${service.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The draft's cost lines of the period and scenario the test imports into. */
async function linesInDraft(): Promise<number> {
  let count = 0;
  let after = "";
  for (;;) {
    const page = await api<{ costLines: unknown[]; next: string | null }>(
      "GET",
      `/versions/${draftId}/cost-lines?limit=10000&period=${PERIOD}&scenario=${SCENARIO}${after && `&after=${after}`}`,
    );
    count += page.costLines.length;
    if (page.next === null) return count;
    after = page.next;
  }
}

/** A file of cost lines on the demo model's own pools; `bad(i)` rows carry a month that does not exist. */
function costLinesFile(rows: number, bad: (i: number) => boolean = () => false): Buffer {
  const lines = ["pool,period,scenario,amount,description"];
  for (let i = 0; i < rows; i++) {
    const pool = leafPools[i % leafPools.length];
    lines.push(`"${pool}",${bad(i) ? "2026-13" : PERIOD},${SCENARIO},${(i % 997) + 0.25},forecast line ${i}`);
  }
  return Buffer.from(lines.join("\n"), "utf8");
}

/**
 * Holds the answer to the file's request until released: the service has read and written the file
 * by then, and the pane, still waiting, shows what its progress questions told it.
 */
async function holdImportAnswer(page: Page): Promise<{ release(): Promise<void>; received: Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let received!: () => void;
  const answered = new Promise<void>((resolve) => (received = resolve));
  const handler = async (route: Route) => {
    const response = await route.fetch({ timeout: 300_000 });
    received();
    await released;
    await route.fulfill({ response });
  };
  await page.route(/\/api\/v1\/versions\/[^/]+\/import\?/, handler, { times: 1 });
  return {
    received: answered,
    release: async () => {
      release();
    },
  };
}

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel(/^File/).setInputFiles({ name, mimeType: "text/csv", buffer });
}

/** The import of a good file and of a bad one, with pictures named `<state><suffix>`. */
async function importBoth(page: Page, suffix: string): Promise<void> {
  await page.getByRole("tab", { name: "Import" }).click();
  await page
    .getByRole("combobox", { name: /^Draft version/ })
    .filter({ hasText: DRAFT })
    .waitFor();
  await expect(page.getByRole("radio", { name: /^Cost lines/ }).isChecked()).resolves.toBe(true);
  const before = await linesInDraft();

  await chooseFile(page, "forecast-december.csv", costLinesFile(ROWS));
  const hold = await holdImportAnswer(page);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const progress = page.getByTestId("import-progress");
  // Rows read before the answer: seen by a progress question while the file's request still waits.
  await progress.getByText(/^[1-9][\d,]* rows read/).waitFor({ timeout: 120_000 });
  await expectAccessible(page);
  await screenshot(page, `import-running${suffix}`);
  await hold.received;
  await page.getByText(`${ROWS.toLocaleString("en-US")} rows read`).waitFor({ timeout: 30_000 });
  await expect(page.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("1");
  await expect(page.getByRole("button", { name: "Import", exact: true }).isDisabled()).resolves.toBe(true);
  await hold.release();

  const success = page.getByTestId("import-success");
  await success.waitFor({ timeout: 60_000 });
  await expect(success.textContent()).resolves.toBe(
    `Imported ${ROWS.toLocaleString("en-US")} cost lines into ${DRAFT}.`,
  );
  await expect(linesInDraft()).resolves.toBe(before + ROWS);
  await expectAccessible(page);
  await screenshot(page, `import-success${suffix}`);

  // Lines booked to the parent pool Staffing: they are imported, and the pane says why the draft
  // cannot be published with them and where they belong.
  await chooseFile(
    page,
    "staffing-january.csv",
    Buffer.from("pool,period,scenario,amount\nStaffing,2027-01,Forecast,1250.00\n", "utf8"),
  );
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const warnings = page.getByTestId("import-warnings");
  await warnings.waitFor({ timeout: 60_000 });
  await expect(page.getByTestId("import-success").textContent()).resolves.toBe(
    `Imported 1 cost line into ${DRAFT}.`,
  );
  await warnings.getByText("Before this draft can be published:").waitFor();
  await expect(warnings.getByRole("listitem").allTextContents()).resolves.toEqual([
    'Pool "Staffing" is a parent of other pools and has cost lines of its own, which no rule passes on: ' +
      'book them to one of its sub-pools ("Internal Labor" or "Staff Augmentation"), or give "Staffing" a ' +
      "pool-to-tower rule (in Forecast 2027-01)",
  ]);
  await expectAccessible(page);
  await screenshot(page, `import-warnings${suffix}`);

  // 70 of 200 rows name a month that does not exist: nothing is imported, 50 are listed.
  await chooseFile(
    page,
    "forecast-typos.csv",
    costLinesFile(200, (i) => i % 3 === 1 && i < 210),
  );
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const refused = page.getByTestId("import-refused");
  await refused.waitFor({ timeout: 60_000 });
  await refused.getByText("Nothing was imported: 67 rows have problems.").waitFor();
  const listed = refused.getByRole("list", { name: "Problems in the file" }).getByRole("listitem");
  await expect(listed.count()).resolves.toBe(50);
  await expect(listed.first().textContent()).resolves.toMatch(/^Row 3, period: "2026-13" is not a month/);
  await expect(page.getByTestId("import-more-problems").textContent()).resolves.toBe(
    "…and 17 more rows with problems.",
  );
  // Folded away, the technical part is not in the text shown.
  const text = await refused.innerText();
  expect(text).not.toMatch(/POST|HTTP/);
  await refused.getByText("Details").click();
  await refused.getByText(/HTTP 422 import_rejected/).waitFor();
  await expect(linesInDraft()).resolves.toBe(before + ROWS);
  await expectAccessible(page);
  // The pane as it opens on the refusal: its message and the first rows (the list goes on below).
  await refused.evaluate((element) => element.scrollIntoView({ block: "start" }));
  await screenshot(page, `import-problems${suffix}`, { fullPage: false });
}

run("importing a file from the task pane", () => {
  let excel: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    service = await startService();
    const editor = await api<{ id: string }>("POST", "/users", {
      email: "erin.editor@demo.test",
      name: "Erin Editor",
      role: "editor",
    });
    editorToken = (await api<{ token: string }>("POST", `/users/${editor.id}/tokens`, { label: "e2e" }))
      .token;
    const { models } = await api<{ models: { id: string; name: string }[] }>("GET", "/models");
    const model = models.find((m) => m.name === MODEL)!;
    const { versions } = await api<{ versions: { id: string; label: string }[] }>(
      "GET",
      `/models/${model.id}/versions`,
    );
    draftId = versions.find((v) => v.label === DRAFT)!.id;
    const { members } = await api<{ members: { name: string; parent?: string | null }[] }>(
      "GET",
      `/versions/${draftId}/members?dimension=pool`,
    );
    const parents = new Set(members.map((m) => m.parent));
    leafPools = members.map((m) => m.name).filter((name) => !parents.has(name));
    excel = await newExcel(browser, { workbook: { sheets: [{ name: "Forecast" }] }, height: 900 });
    page = await openPane(excel, service.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it("asks to sign in and to bind before it offers to import", async () => {
    await page.getByRole("tab", { name: "Import" }).click();
    await page.getByText(/^Sign in first/).waitFor();
    await page.getByRole("tab", { name: "Connect" }).click();
    await page.getByLabel(/Access token/).fill(editorToken);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByTestId("account")
      .getByText(/^Editor/)
      .waitFor();
    await page.getByRole("tab", { name: "Import" }).click();
    await page.getByText(/^Bind this workbook to a model first/).waitFor();
    await expectAccessible(page);

    await bindDemoDraft(page, MODEL);
    // Six sections fit the pane's width side by side.
    const tabs = await page.getByRole("tab").evaluateAll((all) =>
      all.map((tab) => {
        const box = tab.getBoundingClientRect();
        return { right: box.right, top: box.top, clipped: tab.scrollWidth > tab.clientWidth };
      }),
    );
    expect(tabs).toHaveLength(6);
    expect(new Set(tabs.map((t) => t.top)).size).toBe(1);
    expect(Math.max(...tabs.map((t) => t.right))).toBeLessThanOrEqual(PANE_WIDTH);
    expect(tabs.some((t) => t.clipped)).toBe(false);
  });

  it("imports a file of cost lines with progress, then refuses one with bad rows, listing them", async () => {
    await importBoth(page, "");
  }, 300_000);

  it("the same in the dark theme", async () => {
    const dark = await newExcel(browser, {
      theme: "dark",
      storageState: await excel.storageState(),
      height: 900,
    });
    const darkPage = await openPane(dark, service.url);
    await darkPage.getByTestId("binding-summary").getByText(`${MODEL} · ${DRAFT} · Actual`).waitFor();
    await importBoth(darkPage, "-dark");
    await dark.close();
  }, 300_000);
});
