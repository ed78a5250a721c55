/**
 * A cause as a person reads it. A Lambda step's failure cause is the runtime's JSON
 * (`{"errorType":…,"errorMessage":…,"trace":…}`), on AWS as locally; the terminal shows its
 * message. JSON outputs keep the cause as recorded.
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
