import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { S3Client } from '@aws-sdk/client-s3';
import { ENDPOINTS_FILE, type RunningStackEndpoints } from '../local/stack/local-stack.js';
import { stackRunsOn } from '../local/stack/stack-dir-lock.js';
import { createGlueClient } from '../shared/aws/glue-client.js';
import { createS3Client } from '../shared/aws/s3-client.js';
import type { Config } from '../shared/config/config-schema.js';
import { CsvCatalogError } from '../shared/errors.js';
import type { MysqlSettings } from '../shared/mysql/mysql-settings.js';
import { localConfig } from './cli-config.js';
import type { CliIo } from './cli-io.js';
import type { LocalStackCliOptions } from './local-stack-options.js';
import { openLocalStack } from './open-local-stack.js';
import { readRecordedSettings, withRecordedSettings } from './recorded-stack-settings.js';
import { stackMysqlSettings } from './stack-mysql-target.js';

/** A stack runs on the folder but has not written where it answers yet. */
export class StackNotAnswering extends CsvCatalogError {
  public override name = 'StackNotAnswering';
}

/** Where a read-only command on a stack folder reads S3, Glue and MySQL. */
export interface StackSources {
  s3: S3Client;
  glue: GlueClient;
  bucket: string;
  config: Config;
  mysql: MysqlSettings;
  close(): Promise<void>;
}

/**
 * The servers of the stack running on the folder (`local up`), read beside it: a read-only
 * command must not take the folder's lock. When none runs, a stack is started for the command.
 */
export async function stackSources(
  options: LocalStackCliOptions & { verbose?: boolean },
  io: CliIo,
): Promise<StackSources> {
  if (!stackRunsOn(options.dir)) {
    const { stack, config, mysql } = await openLocalStack(options, io);
    return {
      s3: stack.s3,
      glue: stack.glue,
      bucket: stack.bucket,
      config,
      mysql,
      close: stack.close,
    };
  }
  const path = join(options.dir, ENDPOINTS_FILE);
  if (!existsSync(path)) {
    throw new StackNotAnswering(
      `a local stack runs on ${options.dir} but has not said where it answers yet: try again in a moment`,
    );
  }
  const running = JSON.parse(readFileSync(path, 'utf8')) as RunningStackEndpoints;
  const mysql = stackMysqlSettings(options, readRecordedSettings(options.dir).mysql);
  const config = await localConfig(withRecordedSettings(options));
  const s3 = createS3Client({ endpoint: running.s3Endpoint });
  const glue = createGlueClient({ endpoint: running.glueEndpoint });
  return {
    s3,
    glue,
    bucket: running.bucket,
    config,
    mysql,
    close: async () => {
      s3.destroy();
      glue.destroy();
    },
  };
}
