/**
 * One argument of a printed command, quoted for a POSIX shell only when it needs it, so a hint
 * pasted as is runs with the same folder or name (spaces, Korean letters and all).
 */
export function shellArg(value: string): string {
  if (/^[\p{L}\p{N}_./:@%+,=-]+$/u.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
