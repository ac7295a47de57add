import { WorkbookBinding } from "./binding";
import { createCostModelClient, type CostModelClient, type CostModelClientOptions } from "./client";
import type { KeyValueStore } from "./store";

/** Key of the binding in the workbook's document settings (saved with the workbook). */
export const BINDING_SETTING = "itfm.binding";

function inOffice(): boolean {
  return typeof Office !== "undefined" && typeof Office.onReady === "function";
}

/** OfficeRuntime.storage when the shared runtime provides it. */
export function officeStorage(): KeyValueStore | undefined {
  return typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage !== undefined
    ? OfficeRuntime.storage
    : undefined;
}

async function documentSettings(): Promise<Office.Settings | undefined> {
  if (!inOffice()) return undefined;
  await Office.onReady();
  return Office.context?.document?.settings;
}

/** The binding saved in the open workbook, or undefined outside Office or when none is saved. */
export async function readWorkbookBinding(): Promise<WorkbookBinding | undefined> {
  const saved: unknown = (await documentSettings())?.get(BINDING_SETTING);
  const parsed = WorkbookBinding.safeParse(saved);
  return parsed.success ? parsed.data : undefined;
}

/** Saves the binding in the open workbook (the task pane's Bind action). */
export async function saveWorkbookBinding(binding: WorkbookBinding): Promise<void> {
  const settings = await documentSettings();
  if (settings === undefined) throw new Error("the workbook's settings are only available inside Office");
  settings.set(BINDING_SETTING, WorkbookBinding.parse(binding));
  await new Promise<void>((resolve, reject) =>
    settings.saveAsync((result) =>
      result.status === Office.AsyncResultStatus.Succeeded
        ? resolve()
        : reject(new Error(result.error.message)),
    ),
  );
}

/** The client as the add-in runs it: OfficeRuntime.storage and the workbook's saved binding. */
export function createOfficeCostModelClient(options: CostModelClientOptions = {}): CostModelClient {
  return createCostModelClient({ store: officeStorage(), loadBinding: readWorkbookBinding, ...options });
}
