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
    super(`${key}: ${step} failed: ${message}`, options);
    this.key = key;
    this.step = step;
  }
}

/** One or more records of an S3 event could not be filed; the Lambda fails so S3 retries. */
export class FilingFailed extends CsvCatalogError {
  public override name = 'FilingFailed';
}

/** Renders any thrown value as a one-line reason. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
