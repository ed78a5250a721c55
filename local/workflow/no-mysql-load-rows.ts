import type { Config } from '../../shared/config/config-schema.js';
import { loadSettingsFor } from '../../shared/config/load-settings.js';
import { loadRowsEventSchema } from '../../shared/workflow/step-events.js';
import type { LoadSummary } from '../../shared/workflow/step-summaries.js';
import type { LambdaHandler } from './lambda-stand-in.js';

/**
 * LoadRows where no MySQL answers (`local run --ddl-out`, the demo without a server): the
 * DDL goes to files, so there is no table to load; the execution says so and succeeds.
 */
export function noMysqlLoadRows(config: Config): LambdaHandler {
  return async (payload) => {
    const event = loadRowsEventSchema.parse(payload);
    const mode = loadSettingsFor(config, event.table).load;
    return {
      done: true,
      offset: event.offset,
      chunks: event.chunks,
      eTag: event.eTag,
      rows: 0,
      // off never reaches LoadRows (IsLoadWanted skips it).
      mode: mode === 'off' ? 'replace' : mode,
      alreadyLoaded: false,
      resumed: false,
      skipped: 'no-mysql',
      widened: { count: 0, first: [] },
    } satisfies LoadSummary;
  };
}
