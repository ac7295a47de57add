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

/** A refresh stopped before its end: when, and how many of the workbook's cells it went through. */
export interface PartialRefresh {
  at: Date;
  done: number;
  total: number;
}

/** Document settings key of the last stopped refresh, kept until a whole refresh replaces it. */
export const PARTIAL_REFRESH_SETTING = "itfm.partialRefresh";

export function readPartialRefresh(): PartialRefresh | undefined {
  const saved: unknown = settings()?.get(PARTIAL_REFRESH_SETTING);
  if (typeof saved !== "object" || saved === null) return undefined;
  const { at, done, total } = saved as Record<string, unknown>;
  if (typeof at !== "string" || typeof done !== "number" || typeof total !== "number") return undefined;
  const moment = new Date(at);
  return Number.isNaN(moment.getTime()) ? undefined : { at: moment, done, total };
}

/** Saves (or, given undefined, forgets) the stopped refresh; a failure to save keeps it for this session. */
export async function savePartialRefresh(partial: PartialRefresh | undefined): Promise<void> {
  const target = settings();
  if (target === undefined) return;
  if (partial === undefined) target.remove(PARTIAL_REFRESH_SETTING);
  else target.set(PARTIAL_REFRESH_SETTING, { ...partial, at: partial.at.toISOString() });
  await new Promise<void>((resolve) => target.saveAsync(() => resolve()));
}
