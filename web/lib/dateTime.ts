/** Formats a time as "25 Nov 2026, 14:02", in the reader's locale and time zone. */
export function formatDateTime(time: string | Date): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
