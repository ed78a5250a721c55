/**
 * Every error the project raises has a fixed `name`: Step Functions' Retry and Catch match
 * on it (the Lambda runtime reports it as errorType). Names are literals, not
 * `this.constructor.name`, because bundling renames classes.
 */
export class CsvCatalogError extends Error {
  public override name: string = 'CsvCatalogError';
}

/** The configuration file is unreadable or invalid; the message names the file and field. */
export class ConfigError extends CsvCatalogError {
  public override name = 'ConfigError';
}

/** A file name yields no usable table name. */
export class NamingError extends CsvCatalogError {
  public override name = 'NamingError';
  public readonly fileName: string;
  constructor(fileName: string, message: string, options?: ErrorOptions) {
    super(`${fileName}: ${message}`, options);
    this.fileName = fileName;
  }
}

/** The head of a CSV cannot be read as CSV (empty, undecodable, unbalanced quotes). */
export class CsvFormatError extends CsvCatalogError {
  public override name = 'CsvFormatError';
}

export type FilingStep =
  | 'head'
  | 'sniff'
  | 'copy'
  | 'transcode'
  | 'keep-raw'
  | 'verify'
  | 'delete-source'
  | 'archive'
  | 'start-workflow';

/** Filing one object failed at a named step; the source object is left where it was. */
export class FilingError extends CsvCatalogError {
  public override name = 'FilingError';
  public readonly key: string;
  public readonly step: FilingStep;
  constructor(key: string, step: FilingStep, message: string, options?: ErrorOptions) {
    // Errors from the CSV reader already start with the key; say it once.
    const detail = message.startsWith(`${key}: `) ? message.slice(key.length + 2) : message;
    super(`${key}: ${step} failed: ${detail}`, options);
    this.key = key;
    this.step = step;
  }
}

/** One or more records of an S3 event could not be filed; the Lambda fails so S3 retries. */
export class FilingFailed extends CsvCatalogError {
  public override name = 'FilingFailed';
  /** What happened to every record of the event, the failed ones included. */
  public readonly outcomes: readonly unknown[];
  constructor(message: string, outcomes: readonly unknown[], options?: ErrorOptions) {
    super(message, options);
    this.outcomes = outcomes;
  }
}

/** Renders any thrown value as a one-line reason. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** MySQL/RDS cannot be reached right now (refused, timed out, reset, unreachable): retried. */
export class RdsUnavailable extends CsvCatalogError {
  public override name = 'RdsUnavailable';
}

/** MySQL refused the credentials or a privilege: retrying will not help. */
export class RdsAccessDenied extends CsvCatalogError {
  public override name = 'RdsAccessDenied';
}

/** MySQL rejected a statement; the message has the statement and the server's message. */
export class RdsStatementFailed extends CsvCatalogError {
  public override name = 'RdsStatementFailed';
  public readonly statement: string;
  /** The server's error code, e.g. ER_TOO_BIG_ROWSIZE (undefined when not a server error). */
  public readonly code: string | undefined;
  constructor(statement: string, serverMessage: string, code?: string, options?: ErrorOptions) {
    const shown = statement.length > 2000 ? `${statement.slice(0, 2000)}…` : statement;
    super(`${code ? `${code}: ` : ''}${serverMessage} — statement: ${shown}`, options);
    this.statement = statement;
    this.code = code;
  }
}

/**
 * A DDL statement waited `lock_wait_timeout` for the table's metadata lock (another session's
 * open transaction holds it) and gave up: retried by the workflow. The message names the table
 * and, where the server can tell, the sessions that hold it.
 */
export class RdsLockTimeout extends CsvCatalogError {
  public override name = 'RdsLockTimeout';
  public readonly database: string;
  public readonly table: string;
  constructor(database: string, table: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.database = database;
    this.table = table;
  }
}

/**
 * The table would pass MySQL's or InnoDB's width limits (columns, bytes in a page, bytes in a
 * row): refused before any statement, not retried; the message names the way out in config.
 */
export class RdsTableTooWide extends CsvCatalogError {
  public override name = 'RdsTableTooWide';
}

/** The catalog cannot become a MySQL table as asked (bad name, unknown type, too wide). */
export class RdsSchemaInvalid extends CsvCatalogError {
  public override name = 'RdsSchemaInvalid';
}

/** The MySQL connection settings (URL, secret) are unusable; never carries the password. */
export class RdsSettingsInvalid extends CsvCatalogError {
  public override name = 'RdsSettingsInvalid';
}

/** The crawler is running, so its settings cannot be updated now: retried by the workflow. */
export class CrawlerBusy extends CsvCatalogError {
  public override name = 'CrawlerBusy';
}

/** The crawler cannot be created as configured (no role to run it under, …). */
export class CrawlerSettingsInvalid extends CsvCatalogError {
  public override name = 'CrawlerSettingsInvalid';
}

/** The catalog table changed between our read and our write (VersionId): retried. */
export class CatalogTableChanged extends CsvCatalogError {
  public override name = 'CatalogTableChanged';
}

/** The catalog has no table for the file (the crawler found nothing it could classify?). */
export class CatalogTableMissing extends CsvCatalogError {
  public override name = 'CatalogTableMissing';
}

/** The catalog table cannot take the columns asked for (two columns of one name, …). */
export class CatalogSchemaInvalid extends CsvCatalogError {
  public override name = 'CatalogSchemaInvalid';
}

/** Glue refused part of a batch (BatchUpdatePartition); the message lists what and why. */
export class CatalogUpdateFailed extends CsvCatalogError {
  public override name = 'CatalogUpdateFailed';
}

/** The local workflow runner cannot run the state machine as given (a Task with no stand-in). */
export class WorkflowSetupInvalid extends CsvCatalogError {
  public override name = 'WorkflowSetupInvalid';
}

/** No execution of that name (Step Functions' ExecutionDoesNotExist). */
export class ExecutionNotFound extends CsvCatalogError {
  public override name = 'ExecutionNotFound';
}

/** A local execution cannot be redriven (still running, succeeded, or nothing to resume). */
export class ExecutionNotRedrivable extends CsvCatalogError {
  public override name = 'ExecutionNotRedrivable';
}

/** An execution input over Step Functions' 256 KiB: StartExecution refuses it. */
export class ExecutionInputTooLarge extends CsvCatalogError {
  public override name = 'ExecutionInputTooLarge';
}

/**
 * LOAD DATA loaded another number of rows than the file holds, or MySQL raised warnings:
 * the load is rolled back (append) or not swapped in (replace). Not retried.
 */
export class RdsLoadMismatch extends CsvCatalogError {
  public override name = 'RdsLoadMismatch';
}

/** MySQL refused the file's rows (a value that does not fit, a short row): nothing is visible. */
export class RdsLoadRejected extends CsvCatalogError {
  public override name = 'RdsLoadRejected';
}

/**
 * A replace would shrink the table by more than `rds.maxShrink`: the live table is untouched
 * and the staging table kept, so a redrive with a raised limit finishes the swap.
 */
export class RdsLoadShrinks extends CsvCatalogError {
  public override name = 'RdsLoadShrinks';
}

/**
 * The filed object changed (its ETag) while it was being loaded: S3 answered a read If-Match
 * with 412. The staging table is dropped; the newer snapshot's execution loads the new bytes.
 */
export class RdsLoadSourceChanged extends CsvCatalogError {
  public override name = 'RdsLoadSourceChanged';
}
