import { Option } from 'commander';
import { LOCAL_MYSQL_URL } from '../shared/mysql/local-mysql-url.js';

/** The file the Lambdas bundle on deploy; the CLI reads it too when it is here. */
export const DEFAULT_CONFIG_FILE = 'csv-catalog.config.yml';

export function configOption(): Option {
  return new Option(
    '--config <file>',
    `configuration file, JSON or YAML (default: ./${DEFAULT_CONFIG_FILE} when present)`,
  );
}

/**
 * --load: rds.load for this run, over the configuration's top-level setting (a table's own
 * rds.tables.<t>.load still wins), so a laptop can load the rows without editing the file the
 * Lambdas bundle.
 */
export function loadOption(): Option {
  return new Option(
    '--load <mode>',
    'load the rows into MySQL: off, replace or append (default: rds.load of the configuration)',
  ).choices(['off', 'replace', 'append']);
}

/**
 * --mysql-url, defaulting to MYSQL_URL: its value is not shown in --help (it may hold a
 * password), only where it comes from.
 */
export function mysqlUrlOption(): Option {
  return new Option('--mysql-url <url>', 'MySQL for the tables').default(
    process.env.MYSQL_URL ?? LOCAL_MYSQL_URL,
    process.env.MYSQL_URL ? 'MYSQL_URL' : LOCAL_MYSQL_URL,
  );
}
