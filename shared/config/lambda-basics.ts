import { deployedStage } from '../glue/crawler-name.js';
import { createLogger, type Logger } from '../logging/logger.js';
import type { Config } from './config-schema.js';
import { type Environment, readEnvironment } from './environment.js';
import { loadConfig } from './load-config.js';

/** What every Lambda resolves at cold start: its environment, config and logger. */
export interface LambdaBasics {
  env: Environment;
  config: Config;
  logger: Logger;
}

export async function loadLambdaBasics(): Promise<LambdaBasics> {
  const env = readEnvironment();
  // Deployed (STAGE set), a config without glue.database gets the stage's own database.
  const config = await loadConfig(env.CSV_CATALOG_CONFIG, deployedStage());
  return { env, config, logger: createLogger() };
}
