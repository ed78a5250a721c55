import type { Random } from './random.js';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Milliseconds since the epoch for a UTC wall-clock time (no local time zone involved). */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** A moment in [from, to), to the millisecond. */
export function moment(random: Random, from: number, to: number): number {
  return from + Math.floor(random.next() * (to - from));
}

/** `2025-08-29 15:11:42`: what Glue's CSV classifier reads as a timestamp. */
export function timestampText(ms: number, withMillis = false): string {
  const d = new Date(ms);
  const base = `${dateText(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return withMillis ? `${base}.${pad(d.getUTCMilliseconds(), 3)}` : base;
}

/** `2025-08-29`. */
export function dateText(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * `2025/08/29 15:12`: a date and time that stays STRING for Glue. Glue's timestamp detection
 * follows java.sql.Timestamp (`yyyy-MM-dd HH:mm:ss[.fffffffff]`), so slashes and the missing
 * seconds keep the value text, and the all-string file keeps its header undetected.
 */
export function slashDateText(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
