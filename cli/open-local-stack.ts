import { resolve } from 'node:path';
import {
  type LocalStack,
  type LocalStackOptions,
  startLocalStack,
} from '../local/stack/local-stack.js';
import type { LocalWorkflowRunnerOptions } from '../local/workflow/local-workflow-runner.js';
import type { Config } from '../shared/config/config-schema.js';
import { createLogger, type Logger } from '../shared/logging/logger.js';
import { type MysqlSettings, mysqlTargetOf } from '../shared/mysql/mysql-settings.js';
import { localConfig } from './cli-config.js';
import type { CliIo } from './cli-io.js';
import type { LocalStackCliOptions } from './local-stack-options.js';
import {
  readRecordedSettings,
  recordSettings,
  withRecordedSettings,
} from './recorded-stack-settings.js';
import { stackMysqlSettings } from './stack-mysql-target.js';

export interface OpenedStack {
  stack: LocalStack;
  config: Config;
  mysql: MysqlSettings;
  logger: Logger;
}

/** Starts the local stack from the CLI's options; logs go to stderr, stdout stays for results. */
export async function openLocalStack(
  options: LocalStackCliOptions & { ddlOut?: string; verbose?: boolean },
  io: CliIo,
  onExecutionEvent?: LocalWorkflowRunnerOptions['onEvent'],
  onFiling?: LocalStackOptions['onFiling'],
): Promise<OpenedStack> {
  // Refused before anything starts: a command on the folder writes where its stack did.
  const mysql = stackMysqlSettings(options, readRecordedSettings(options.dir).mysql);
  options = withRecordedSettings(options);
  const config = await localConfig(options);
  const logger = createLogger({ stream: io.stderr, logLevel: options.verbose ? 'INFO' : 'WARN' });
  const stack = await startLocalStack({
    dir: resolve(options.dir),
    bucket: options.bucket,
    s3Port: options.s3Port,
    gluePort: options.gluePort,
    config,
    mysqlSettings: async () => mysql,
    logger,
    filingLogger: options.verbose
      ? logger
      : createLogger({ stream: io.stderr, logLevel: 'SILENT' }),
    ddlOut: options.ddlOut ? resolve(options.ddlOut) : undefined,
    onExecutionEvent,
    onFiling,
    onCrawlerLog: options.verbose
      ? (crawler, message) => io.stderr.write(`[crawler ${crawler}] ${message}\n`)
      : undefined,
  });
  recordSettings(resolve(options.dir), {
    config: options.config,
    database: options.database,
    mysql: mysqlTargetOf(mysql),
  });
  return { stack, config, mysql, logger };
}
