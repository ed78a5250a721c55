import { type Command, Option } from 'commander';
import { LOCAL_MYSQL_URL } from '../shared/mysql/local-mysql-url.js';
import { configOption } from './config-options.js';
import { parsePort } from './option-parsers.js';

/** The options `local up`, `local run`, `sync` and `replay` share. */
export interface LocalStackCliOptions {
  dir: string;
  bucket: string;
  s3Port: number;
  gluePort: number;
  /** --mysql-url when given; else MYSQL_URL, the folder's recorded target or the default. */
  mysqlUrl?: string;
  /** Write to --mysql-url / MYSQL_URL though the folder recorded another MySQL. */
  retarget?: boolean;
  database?: string;
  config?: string;
  /** --load: rds.load over the configuration's. */
  load?: 'off' | 'replace' | 'append';
}

export const DEFAULT_DIR = '.csv-catalog';
export const DEFAULT_BUCKET = 'csv-catalog-local';

/** Adds the local stack's options; `freePorts` makes 0 (a free port) the default. */
export function addLocalStackOptions(command: Command, freePorts = false): Command {
  return command
    .option('--dir <dir>', 'folder the local stack keeps its state in', DEFAULT_DIR)
    .option('--bucket <name>', 'the bucket files are dropped into', DEFAULT_BUCKET)
    .option('--s3-port <port>', 'S3 port (0: a free one)', parsePort, freePorts ? 0 : 4569)
    .option('--glue-port <port>', 'Glue port (0: a free one)', parsePort, freePorts ? 0 : 4599)
    .addOption(
      // No default value here: whether a URL was given at all decides against the folder's
      // recorded target (stack-mysql-target.ts). Its value is never shown (it may hold a password).
      new Option(
        '--mysql-url <url>',
        `MySQL for the tables (default: the one --dir recorded, its password from MYSQL_URL; else MYSQL_URL; else ${LOCAL_MYSQL_URL})`,
      ),
    )
    .option(
      '--retarget',
      'use --mysql-url (or MYSQL_URL) though --dir recorded another MySQL, and record it',
    )
    .option('--database <name>', 'Glue database (default: from the config, csv_catalog)')
    .addOption(configOption());
}
