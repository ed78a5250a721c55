import { existsSync } from 'node:fs';
import type { Config } from '../shared/config/config-schema.js';
import { loadConfig } from '../shared/config/load-config.js';
import { DEFAULT_CONFIG_FILE } from './config-options.js';
import type { LocalStackCliOptions } from './local-stack-options.js';

/**
 * The configuration a command runs with: --config, else ./csv-catalog.config.yml when it
 * exists (so the CLI files and names exactly as the deployed Lambdas do), else the defaults.
 */
export async function cliConfig(path: string | undefined): Promise<Config> {
  return loadConfig(path ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined));
}

/** The configuration of a local stack's command, with --database applied. */
export async function localConfig(options: LocalStackCliOptions): Promise<Config> {
  const config = await cliConfig(options.config);
  const rds = options.load ? { ...config.rds, load: options.load } : config.rds;
  return options.database
    ? { ...config, rds, glue: { ...config.glue, database: options.database } }
    : { ...config, rds };
}
