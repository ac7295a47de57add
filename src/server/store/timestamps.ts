/** A timestamp the database gives (a Date, or text) as the API writes it: ISO 8601 in UTC. */
export function isoTimestamp(value: Date | string): string;
export function isoTimestamp(value: Date | string | null): string | null;
export function isoTimestamp(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
