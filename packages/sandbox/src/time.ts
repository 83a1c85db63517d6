/** ISO-8601 with an explicit offset and no milliseconds, the way Antom writes times: `2026-05-28T04:12:14+00:00`. */
export function antomTime(at: number | Date = Date.now()): string {
  return `${new Date(at).toISOString().slice(0, 19)}+00:00`;
}
