import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger per process; handlers and the CLI share its service name. */
export function createLogger(options: { serviceName?: string; logLevel?: string } = {}): Logger {
  return new Logger({
    serviceName: options.serviceName ?? 'csv-catalog',
    logLevel: (options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as 'INFO',
  });
}

export type { Logger };
