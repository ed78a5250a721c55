import type { Logger } from '../logging/logger.js';
import type { FilingOutcome } from './filing-outcome.js';

/** One structured log line per filed, skipped or failed object: what happened and why. */
export function logFilingOutcome(logger: Logger, outcome: FilingOutcome): void {
  switch (outcome.status) {
    case 'filed':
      logger.info(
        outcome.alreadyFiled
          ? `already filed ${outcome.sourceKey} as ${outcome.key}`
          : `filed ${outcome.sourceKey} as ${outcome.key}${outcome.superseded ? ' (superseded by a newer snapshot)' : ''}`,
        { filing: outcome },
      );
      return;
    case 'skipped':
      logger.info(`skipped ${outcome.sourceKey}: ${outcome.reason}`, { filing: outcome });
      return;
    case 'failed':
      logger.error(`failed to file ${outcome.sourceKey}: ${outcome.reason}`, { filing: outcome });
      return;
  }
}
