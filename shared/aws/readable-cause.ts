/**
 * A cause as a person reads it. A Lambda step's failure cause is the runtime's JSON
 * (`{"errorType":…,"errorMessage":…,"trace":…}`), on AWS as locally; people, and `--json`
 * readers, get its message (the error's name is beside it, as `error`).
 */
export function readableCause(cause: string | undefined): string | undefined {
  if (!cause?.startsWith('{')) return cause;
  try {
    const parsed: unknown = JSON.parse(cause);
    const message = (parsed as { errorMessage?: unknown } | null)?.errorMessage;
    return typeof message === 'string' ? message : cause;
  } catch {
    return cause;
  }
}

/**
 * The readable cause, saying which table (or file) it is about when its message does not:
 * `psy_ord: MySQL at 127.0.0.1:3306 is unavailable: …` reads alone, in a log or in JSON.
 */
export function causeAbout(
  subject: string | undefined,
  cause: string | undefined,
): string | undefined {
  const readable = readableCause(cause);
  if (!readable || !subject || readable.includes(subject)) return readable;
  return `${subject}: ${readable}`;
}
