const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dateTime = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
});
const date = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "today at 2:05 PM", or "Nov 6, 2026, 2:05 PM" on another day (in the pane's locale). */
export function formatMoment(moment: Date, now = new Date()): string {
  return sameDay(moment, now) ? `today at ${time.format(moment)}` : dateTime.format(moment);
}

/** "2:05 PM" today, or "Nov 6, 2026, 2:05 PM" on another day: a time inside a sentence. */
export function formatClock(moment: Date, now = new Date()): string {
  return sameDay(moment, now) ? time.format(moment) : dateTime.format(moment);
}

/** "6 Nov 2026", or "" for a missing or unreadable date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? "" : date.format(parsed);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
