import type { Writable } from 'node:stream';
import { type LogItem, Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';

type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'CRITICAL' | 'SILENT';

export interface LoggerOptions {
  serviceName?: string;
  logLevel?: LogLevel;
  /** Where log lines go; default stdout as in Lambda. The CLI logs to stderr to keep stdout for results. */
  stream?: Writable;
}

/** One structured JSON logger per process; handlers and the CLI share its service name. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return new Logger(options.stream, {
    serviceName: options.serviceName ?? 'csv-catalog',
    logLevel:
      options.logLevel ?? (process.env.POWERTOOLS_LOG_LEVEL as LogLevel | undefined) ?? 'INFO',
  });
}

/**
 * The Powertools logger, extended the way its documentation shows for subclasses (`printLog`,
 * `createLogger`, `createChild` are its protected or public extension points):
 * - lines go to a stream when one is given (Powertools has no stream option), children too;
 * - `markWarm()` lets a child made for one invocation (shared/middleware/invocation-logger.ts)
 *   say `cold_start: false` when its handler was already warm.
 */
export class Logger extends PowertoolsLogger {
  // Not a #private field: Powertools may print (a construction warning) before it is set.
  private readonly output: Writable | undefined;

  public constructor(output: Writable | undefined, options: ConstructorOptions) {
    super(options);
    this.output = output;
  }

  public override createChild(options?: ConstructorOptions): Logger {
    return super.createChild(options) as Logger;
  }

  /** The next addContext reports `cold_start: false`. */
  public markWarm(): void {
    this.coldStart = false;
  }

  protected override createLogger(options?: ConstructorOptions): Logger {
    return new Logger(this.output, options ?? {});
  }

  protected override printLog(logLevel: number, log: LogItem): void {
    if (!this.output) {
      super.printLog(logLevel, log);
      return;
    }
    log.prepareForPrint();
    this.output.write(`${JSON.stringify(log.getAttributes(), this.getJsonReplacer())}\n`);
  }
}
