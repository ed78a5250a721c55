import type { Config } from './config-schema.js';
import { ownEntry } from './own-entry.js';

/** How LoadRows treats one table: `rds.tables.<table>` over the top-level `rds` settings. */
export interface LoadSettings {
  load: Config['rds']['load'];
  emptyAs: Config['rds']['emptyAs'];
  maxShrink: number;
  chunkBytes: number;
}

/** The table's load settings; its own `rds.tables.<table>` entry wins field by field. */
export function loadSettingsFor(config: Config, table: string): LoadSettings {
  const own = ownEntry(config.rds.tables, table);
  return {
    load: own?.load ?? config.rds.load,
    emptyAs: own?.emptyAs ?? config.rds.emptyAs,
    maxShrink: own?.maxShrink ?? config.rds.maxShrink,
    chunkBytes: config.rds.chunkBytes,
  };
}
