import type { Config } from '../config/config-schema.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { readWorkflowEnvironment, type WorkflowEnvironment } from './workflow-environment.js';

/** What every workflow Lambda resolves at cold start: its environment, config and logger. */
export interface WorkflowBasics {
  env: WorkflowEnvironment;
  config: Config;
  logger: Logger;
}

export async function loadWorkflowBasics(): Promise<WorkflowBasics> {
  const env = readWorkflowEnvironment();
  return { env, config: await loadConfig(env.CSV_CATALOG_CONFIG), logger: createLogger() };
}
