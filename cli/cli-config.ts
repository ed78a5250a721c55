import { existsSync } from 'node:fs';
import { Option } from 'commander';
import type { Config } from '../shared/config/config-schema.js';
import { loadConfig } from '../shared/config/load-config.js';
import { LOCAL_MYSQL_URL } from '../shared/mysql/mysql-settings.js';

/** The file the Lambdas bundle on deploy; the CLI reads it too when it is here. */
export const DEFAULT_CONFIG_FILE = 'csv-catalog.config.yml';

/**
 * The configuration a command runs with: --config, else ./csv-catalog.config.yml when it
 * exists (so the CLI files and names exactly as the deployed Lambdas do), else the defaults.
 */
export async function cliConfig(path: string | undefined): Promise<Config> {
  return loadConfig(path ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined));
}

export function configOption(): Option {
  return new Option(
    '--config <file>',
    `configuration file, JSON or YAML (default: ./${DEFAULT_CONFIG_FILE} when present)`,
  );
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
