import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What a local stack folder was opened with, beyond its defaults. */
export interface RecordedStackSettings {
  /** The configuration file, as an absolute path. */
  config?: string;
  /** The Glue database given with --database. */
  database?: string;
}

const FILE = 'stack-settings.json';

/**
 * The settings a folder's stack last ran with, so that `replay` and `sync` on the folder run
 * its executions as the stack that started them did (on AWS, the bundled configuration does
 * this). Flags given now win; the file itself is read again, with any edits.
 */
export function withRecordedSettings<T extends RecordedStackSettings & { dir: string }>(
  options: T,
): T {
  const path = join(options.dir, FILE);
  if (!existsSync(path)) return options;
  const recorded = JSON.parse(readFileSync(path, 'utf8')) as RecordedStackSettings;
  return {
    ...options,
    config: options.config ?? recorded.config,
    database: options.database ?? recorded.database,
  };
}

/** Records the settings a stack opens the folder with. */
export function recordSettings(dir: string, settings: RecordedStackSettings): void {
  mkdirSync(dir, { recursive: true });
  const recorded: RecordedStackSettings = {
    ...(settings.config ? { config: resolve(settings.config) } : {}),
    ...(settings.database ? { database: settings.database } : {}),
  };
  writeFileSync(join(dir, FILE), `${JSON.stringify(recorded, null, 2)}\n`);
}
