/** Document settings key of the time of the last refresh: it belongs to the workbook's values. */
export const LAST_REFRESH_SETTING = "itfm.lastRefresh";
/** Document settings key of the last stopped refresh, kept until a whole refresh replaces it. */
export const PARTIAL_REFRESH_SETTING = "itfm.partialRefresh";

function settings(): Office.Settings | undefined {
  return typeof Office !== "undefined" ? Office.context?.document?.settings : undefined;
}

export function readLastRefresh(): Date | undefined {
  const saved: unknown = settings()?.get(LAST_REFRESH_SETTING);
  if (typeof saved !== "string") return undefined;
  const moment = new Date(saved);
  return Number.isNaN(moment.getTime()) ? undefined : moment;
}

/** Changes the document settings and saves them once; a failure to save keeps them for this session. */
async function saveSettings(change: (target: Office.Settings) => void): Promise<void> {
  const target = settings();
  if (target === undefined) return;
  change(target);
  await new Promise<void>((resolve) => target.saveAsync(() => resolve()));
}

/** Saves the time of a whole refresh in the workbook: it replaces any stopped one. */
export function saveLastRefresh(moment: Date): Promise<void> {
  return saveSettings((target) => {
    target.set(LAST_REFRESH_SETTING, moment.toISOString());
    target.remove(PARTIAL_REFRESH_SETTING);
  });
}

/** A refresh stopped before its end: when, and how many of the workbook's cells it went through. */
export interface PartialRefresh {
  at: Date;
  done: number;
  total: number;
}

export function readPartialRefresh(): PartialRefresh | undefined {
  const saved: unknown = settings()?.get(PARTIAL_REFRESH_SETTING);
  if (typeof saved !== "object" || saved === null) return undefined;
  const { at, done, total } = saved as Record<string, unknown>;
  if (typeof at !== "string" || typeof done !== "number" || typeof total !== "number") return undefined;
  const moment = new Date(at);
  return Number.isNaN(moment.getTime()) ? undefined : { at: moment, done, total };
}

/** Saves a stopped refresh in the workbook, until a whole refresh replaces it. */
export function savePartialRefresh(partial: PartialRefresh): Promise<void> {
  return saveSettings((target) =>
    target.set(PARTIAL_REFRESH_SETTING, { ...partial, at: partial.at.toISOString() }),
  );
}
