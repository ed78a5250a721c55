/** How times, durations and statuses read on the page. */

/** Every status a row or a state can have, as the page writes it (colour is never alone). */
const STATUS_LABELS: Record<string, string> = {
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  ABORTED: 'Aborted',
  TIMED_OUT: 'Timed out',
  PENDING_REDRIVE: 'Pending redrive',
  REFUSED: 'Refused',
  SKIPPED: 'Skipped',
  NOT_RUN: 'Not run',
  CAUGHT: 'Caught',
};

export function statusLabel(status: string): string {
  return Object.hasOwn(STATUS_LABELS, status) ? (STATUS_LABELS[status] ?? status) : status;
}

/** `0.4s`, `12.3s`, `3m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  // Below 59.95 s the tenth shows; above, 59.97 s reads 1m 00s rather than 60.0s.
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${pad(Math.floor(seconds / 60) % 60)}m`;
}

/** Local time, `2026-11-30 14:05:09`: sortable, the same width on every row. */
export function formatTime(time: string | number | undefined): string {
  if (time === undefined) return '';
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return String(time);
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Time since the execution started, for the event history: `+1.234s`. */
export function formatElapsed(ms: number): string {
  return `+${(ms / 1000).toFixed(3)}s`;
}

export function formatCount(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
