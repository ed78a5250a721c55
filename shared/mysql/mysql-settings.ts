import { inspect } from 'node:util';
import { z } from 'zod';
import { RdsSettingsInvalid } from '../errors.js';

/** Where to reach MySQL. The password is hidden from JSON.stringify and util.inspect. */
export interface MysqlSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The database csv-catalog mirrors tables into (created if missing). */
  readonly database: string;
}

export const DEFAULT_MYSQL_DATABASE = 'csv_catalog';
export const LOCAL_MYSQL_URL = `mysql://root@127.0.0.1:3306/${DEFAULT_MYSQL_DATABASE}`;

/** `user@host:port/database`, for logs and messages: never the password. */
export function describeMysqlSettings(settings: MysqlTarget): string {
  return `${settings.user}@${settings.host}:${settings.port}/${settings.database}`;
}

/**
 * Where a MySQL is, without its password: what a local stack folder records, so that later
 * commands on it write where its stack did. Every field of the settings but the password
 * (TLS settings included, when there are any).
 */
export type MysqlTarget = Omit<MysqlSettings, 'password'>;

export function mysqlTargetOf(settings: MysqlSettings): MysqlTarget {
  const { password: _password, ...target } = settings;
  return target;
}

/** Same server, account and database: a password given for one is meant for the other. */
export function sameMysqlTarget(a: MysqlTarget, b: MysqlTarget): boolean {
  return a.host === b.host && a.port === b.port && a.user === b.user && a.database === b.database;
}

/** Reads mysql://user:pass@host:port/db (user and password URL-encoded; db defaults). */
export function mysqlSettingsFromUrl(url: string): MysqlSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Node's URL error carries the input, password included: neither message nor cause.
    throw new RdsSettingsInvalid(
      'MySQL URL is not a valid URL (expected mysql://user:pass@host:port/db)',
    );
  }
  if (parsed.protocol !== 'mysql:') {
    // Not echoed: without a scheme, `user:password@host` parses with the user as scheme.
    throw new RdsSettingsInvalid('MySQL URL must start with mysql://');
  }
  if (parsed.search || parsed.hash) {
    throw new RdsSettingsInvalid('MySQL URL: query parameters and fragments are not supported');
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const user = decode(parsed.username, 'user name');
  const database = decode(parsed.pathname.replace(/^\//, ''), 'database');
  if (!host) throw new RdsSettingsInvalid('MySQL URL has no host');
  if (!user) throw new RdsSettingsInvalid(`MySQL URL for ${host} has no user name`);
  if (database.includes('/')) throw new RdsSettingsInvalid('MySQL URL: database name contains /');
  return makeMysqlSettings({
    host,
    port: parsed.port ? Number(parsed.port) : 3306,
    user,
    password: decode(parsed.password, 'password'),
    database: database || DEFAULT_MYSQL_DATABASE,
  });
}

const port = z
  .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().min(1).max(65_535));
/** The JSON of an RDS database secret; other fields (engine, dbInstanceIdentifier) are ignored. */
const rdsSecret = z.object({
  host: z.string().min(1),
  port: port.default(3306),
  username: z.string().min(1),
  password: z.string(),
  dbname: z.string().min(1).default(DEFAULT_MYSQL_DATABASE),
});

/** Reads an RDS secret's JSON {host, port, username, password, dbname}. */
export function mysqlSettingsFromSecret(secretJson: string): MysqlSettings {
  let value: unknown;
  try {
    value = JSON.parse(secretJson);
  } catch {
    // V8's JSON error quotes the input: keep it (and the cause) out of the message.
    throw new RdsSettingsInvalid('RDS secret is not valid JSON');
  }
  const result = rdsSecret.safeParse(value);
  if (!result.success) {
    // Paths and zod's messages only: zod does not echo input values, the password included.
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new RdsSettingsInvalid(`RDS secret is invalid: ${problems.join('; ')}`);
  }
  const { host, port: p, username, password, dbname } = result.data;
  return makeMysqlSettings({ host, port: p, user: username, password, database: dbname });
}

/** Settings whose password stays out of JSON logs and console.log (spread copies lose this). */
export function makeMysqlSettings(fields: MysqlSettings): MysqlSettings {
  const settings = { ...fields };
  const redacted = () => ({ ...fields, password: '[redacted]' });
  Object.defineProperty(settings, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(settings, inspect.custom, { value: redacted, enumerable: false });
  return settings;
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new RdsSettingsInvalid(`MySQL URL: the ${what} is not validly URL-encoded`);
  }
}
