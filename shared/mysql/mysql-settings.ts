import { inspect } from 'node:util';
import { z } from 'zod';
import { RdsSettingsInvalid } from '../errors.js';
import { DEFAULT_MYSQL_DATABASE } from './local-mysql-url.js';
import { type SslMode, tlsSettingsOf } from './ssl-mode.js';

/** Where to reach MySQL. The password is hidden from JSON.stringify and util.inspect. */
export interface MysqlSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The database csv-catalog mirrors tables into (created if missing). */
  readonly database: string;
  /**
   * TLS as the mysql client's --ssl-mode names it. Absent means DISABLED: a target recorded
   * before TLS settings existed. A MySQL URL defaults to DISABLED, an RDS secret to
   * VERIFY_IDENTITY (ssl-mode.ts).
   */
  readonly sslMode?: SslMode;
  /** The CA file (PEM, absolute path) the server's certificate is checked against. */
  readonly sslCa?: string;
}

export { DEFAULT_MYSQL_DATABASE, LOCAL_MYSQL_URL } from './local-mysql-url.js';

/**
 * `user@host:port/database`, for logs and messages: never the password. TLS is shown as the
 * URL would give it (`?ssl-mode=VERIFY_IDENTITY&ssl-ca=/path`); DISABLED, the URL's default,
 * is not shown.
 */
export function describeMysqlSettings(settings: MysqlTarget): string {
  const base = `${settings.user}@${settings.host}:${settings.port}/${settings.database}`;
  const mode = settings.sslMode ?? 'DISABLED';
  if (mode === 'DISABLED') return base;
  return `${base}?ssl-mode=${mode}${settings.sslCa ? `&ssl-ca=${settings.sslCa}` : ''}`;
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

/**
 * Same server, account, database and TLS: a password given for one is meant for the other.
 * TLS counts: a URL without ssl-mode must not quietly connect in the clear to a target that
 * was reached with VERIFY_IDENTITY, nor the other way round.
 */
export function sameMysqlTarget(a: MysqlTarget, b: MysqlTarget): boolean {
  return (
    a.host === b.host &&
    a.port === b.port &&
    a.user === b.user &&
    a.database === b.database &&
    (a.sslMode ?? 'DISABLED') === (b.sslMode ?? 'DISABLED') &&
    a.sslCa === b.sslCa
  );
}

/**
 * Reads mysql://user:pass@host:port/db?ssl-mode=MODE&ssl-ca=PATH (user, password and the
 * parameters URL-encoded; db defaults; ssl-mode defaults to DISABLED, as before TLS settings).
 */
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
  if (parsed.hash) throw new RdsSettingsInvalid('MySQL URL: fragments (#…) are not supported');
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
    ...tlsSettingsOf(tlsParameters(parsed.search), 'DISABLED', 'MySQL URL'),
  });
}

/**
 * ssl-mode and ssl-ca from a URL's query; any other parameter is refused, so that a typo
 * (ssl_mode, sslmode) never means "no TLS". Decoded by hand: URLSearchParams would turn a
 * `+` in a path into a space.
 */
function tlsParameters(search: string): { sslMode?: string; sslCa?: string } {
  const given = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decode(at < 0 ? pair : pair.slice(0, at), 'query parameter name');
    const value = decode(at < 0 ? '' : pair.slice(at + 1), `${name} value`);
    if (name !== 'ssl-mode' && name !== 'ssl-ca') {
      throw new RdsSettingsInvalid(
        `MySQL URL: unknown query parameter ${JSON.stringify(name)} (only ssl-mode and ssl-ca are read)`,
      );
    }
    if (given.has(name)) throw new RdsSettingsInvalid(`MySQL URL: ${name} is given twice`);
    given.set(name, value);
  }
  return { sslMode: given.get('ssl-mode'), sslCa: given.get('ssl-ca') };
}

const port = z
  .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().min(1).max(65_535));
/**
 * The JSON of an RDS database secret; other fields (engine, dbInstanceIdentifier) are ignored.
 * TLS fields are named as the mysql client names its options (`ssl-mode`, `ssl-ca`), or in
 * the secret's own camelCase (`sslMode`, `sslCa`); one spelling each.
 */
const rdsSecret = z.object({
  host: z.string().min(1),
  port: port.default(3306),
  username: z.string().min(1),
  password: z.string(),
  dbname: z.string().min(1).default(DEFAULT_MYSQL_DATABASE),
  'ssl-mode': z.string().optional(),
  sslMode: z.string().optional(),
  'ssl-ca': z.string().optional(),
  sslCa: z.string().optional(),
});

/**
 * Reads an RDS secret's JSON {host, port, username, password, dbname, ssl-mode, ssl-ca}.
 * Without ssl-mode it is VERIFY_IDENTITY: on AWS the server's certificate and name are
 * checked, against the Amazon RDS CAs unless ssl-ca names a file in the Lambda's bundle.
 */
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
  const tls = tlsSettingsOf(
    {
      sslMode: oneSpelling(result.data, 'ssl-mode', 'sslMode'),
      sslCa: oneSpelling(result.data, 'ssl-ca', 'sslCa'),
    },
    'VERIFY_IDENTITY',
    'RDS secret',
  );
  return makeMysqlSettings({ host, port: p, user: username, password, database: dbname, ...tls });
}

function oneSpelling(
  secret: Readonly<Partial<Record<'ssl-mode' | 'sslMode' | 'ssl-ca' | 'sslCa', string>>>,
  dashed: 'ssl-mode' | 'ssl-ca',
  camel: 'sslMode' | 'sslCa',
): string | undefined {
  if (secret[dashed] !== undefined && secret[camel] !== undefined) {
    throw new RdsSettingsInvalid(`RDS secret has both ${dashed} and ${camel}: keep one`);
  }
  return secret[dashed] ?? secret[camel];
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
