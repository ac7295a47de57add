/** Document settings key of the time of the last refresh: it belongs to the workbook's values. */
export const LAST_REFRESH_SETTING = "itfm.lastRefresh";

function settings(): Office.Settings | undefined {
  return typeof Office !== "undefined" ? Office.context?.document?.settings : undefined;
}

export function readLastRefresh(): Date | undefined {
  const saved: unknown = settings()?.get(LAST_REFRESH_SETTING);
  if (typeof saved !== "string") return undefined;
  const moment = new Date(saved);
  return Number.isNaN(moment.getTime()) ? undefined : moment;
}

/** Saves the time in the workbook; a failure to save leaves it shown for this session only. */
export async function saveLastRefresh(moment: Date): Promise<void> {
  const target = settings();
  if (target === undefined) return;
  target.set(LAST_REFRESH_SETTING, moment.toISOString());
  await new Promise<void>((resolve) => target.saveAsync(() => resolve()));
}
