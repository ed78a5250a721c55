import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MysqlTarget } from '../shared/mysql/mysql-settings.js';

/** What a local stack folder was opened with, beyond its defaults. */
export interface RecordedStackSettings {
  /** The configuration file, as an absolute path. */
  config?: string;
  /** The Glue database given with --database. */
  database?: string;
  /** The MySQL its tables went to: host, port, user, database, TLS; never the password. */
  mysql?: MysqlTarget;
}

const FILE = 'stack-settings.json';

/** The settings recorded in a stack folder; none when it has not run a stack yet. */
export function readRecordedSettings(dir: string): RecordedStackSettings {
  const path = join(dir, FILE);
  if (!existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as RecordedStackSettings;
}

/**
 * The settings a folder's stack last ran with, so that `replay` and `sync` on the folder run
 * its executions as the stack that started them did (on AWS, the bundled configuration does
 * this). Flags given now win; the file itself is read again, with any edits. The MySQL
 * target is resolved apart (stack-mysql-target.ts): a different one is refused, not taken.
 */
export function withRecordedSettings<T extends RecordedStackSettings & { dir: string }>(
  options: T,
): T {
  const recorded = readRecordedSettings(options.dir);
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
    // A plain copy of the target's fields: a password cannot ride along.
    ...(settings.mysql ? { mysql: withoutPassword(settings.mysql) } : {}),
  };
  writeFileSync(join(dir, FILE), `${JSON.stringify(recorded, null, 2)}\n`);
}

function withoutPassword(target: MysqlTarget): MysqlTarget {
  const { password: _password, ...rest } = target as MysqlTarget & { password?: unknown };
  return rest;
}
