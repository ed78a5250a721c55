import { Console } from 'node:console';
import type { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';

type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'CRITICAL' | 'SILENT';

export interface LoggerOptions {
  serviceName?: string;
  logLevel?: LogLevel;
  /** Where log lines go; default stdout as in Lambda. The CLI logs to stderr to keep stdout for results. */
  stream?: Writable;
}

/** One structured JSON logger per process; handlers and the CLI share its service name. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const logger = new Logger({
    serviceName: options.serviceName ?? 'csv-catalog',
    logLevel:
      options.logLevel ?? (process.env.POWERTOOLS_LOG_LEVEL as LogLevel | undefined) ?? 'INFO',
  });
  if (options.stream) {
    // Powertools offers no stream option; its console is a plain field it writes through.
    (logger as unknown as { console: Console }).console = new Console({
      stdout: options.stream,
      stderr: options.stream,
    });
  }
  return logger;
}

export type { Logger };
