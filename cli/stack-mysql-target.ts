import { shellArg } from '../local/stack/shell-arg.js';
import {
  describeMysqlSettings,
  LOCAL_MYSQL_URL,
  type MysqlSettings,
  type MysqlTarget,
  makeMysqlSettings,
  mysqlSettingsFromUrl,
  sameMysqlTarget,
} from '../shared/mysql/mysql-settings.js';
import { MysqlTargetMismatch } from './mysql-target-mismatch.js';

export { MysqlTargetMismatch };

export interface StackMysqlOptions {
  dir: string;
  /** --mysql-url, when given. */
  mysqlUrl?: string;
  /** Write to the MySQL given now, and record it, though the folder recorded another. */
  retarget?: boolean;
}

/**
 * The MySQL a command on a stack folder writes to. The folder's recorded target wins: a
 * replay or sync must write where the stack's executions did. The password is never
 * recorded: it comes from --mysql-url or MYSQL_URL when they name that same target (host,
 * port, user, database), else there is none. A URL naming another target is refused unless
 * --retarget says so. A folder that recorded nothing takes --mysql-url, MYSQL_URL, else the
 * local default.
 */
export function stackMysqlSettings(
  options: StackMysqlOptions,
  recorded: MysqlTarget | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): MysqlSettings {
  const fromEnv = env.MYSQL_URL?.trim() || undefined;
  const given = options.mysqlUrl ?? fromEnv;
  const givenSettings = given === undefined ? undefined : mysqlSettingsFromUrl(given);
  if (!recorded) return givenSettings ?? mysqlSettingsFromUrl(LOCAL_MYSQL_URL);
  if (!givenSettings) return makeMysqlSettings({ ...recorded, password: '' });
  if (sameMysqlTarget(givenSettings, recorded)) {
    return makeMysqlSettings({ ...givenSettings, ...recorded, password: givenSettings.password });
  }
  if (options.retarget) return givenSettings;
  const flag = options.mysqlUrl === undefined ? 'MYSQL_URL' : '--mysql-url';
  throw new MysqlTargetMismatch(
    `${flag} points to ${describeMysqlSettings(givenSettings)}, but the stack in ${options.dir} wrote to ${describeMysqlSettings(recorded)}: ${
      flag === 'MYSQL_URL' ? 'unset MYSQL_URL' : 'leave out --mysql-url'
    } to write there (the password comes from MYSQL_URL when it names that target), or add --retarget to write to ${describeMysqlSettings(givenSettings)} from now on (${shellArg(options.dir)} then records it)`,
  );
}
