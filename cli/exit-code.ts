/** Process exit codes, listed in --help. */
export enum ExitCode {
  Ok = 0,
  /** Some files or executions failed; the summary says which. */
  Failed = 1,
  /** The arguments were wrong. */
  Usage = 2,
  /** The command could not run (configuration, connection). */
  Error = 3,
}
