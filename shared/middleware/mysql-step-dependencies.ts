import type { S3Client } from '@aws-sdk/client-s3';
import { createGlueClient } from '../aws/glue-client.js';
import { createS3Client } from '../aws/s3-client.js';
import type { Config } from '../config/config-schema.js';
import { loadLambdaBasics } from '../config/lambda-basics.js';
import type { GlueCatalog } from '../glue/glue-catalog.js';
import { SdkGlueCatalog } from '../glue/sdk-glue-catalog.js';
import type { Logger } from '../logging/logger.js';
import type { DisposableQueryable } from '../mysql/dry-run-connection.js';
import type { MysqlSettings } from '../mysql/mysql-settings.js';
import { mysqlSettingsFromEnvironment } from '../mysql/mysql-settings-from-environment.js';

/** What the steps that write MySQL (SyncRdsDdl, LoadRows) work with. */
export interface MysqlStepDependencies {
  /** The coerced table's columns and comments, read from the Glue catalog. */
  catalog: GlueCatalog;
  /** The filed file: its head (sampled lengths, header) and, for LoadRows, its bytes. */
  s3: S3Client;
  config: Config;
  /** Resolved per invocation: a rotated RDS secret is picked up without a cold start. */
  mysqlSettings: () => Promise<MysqlSettings>;
  logger: Logger;
  /** Opens the connection; default a real one (the local `--ddl-out` passes a dry run). */
  connect?: (settings: MysqlSettings) => Promise<DisposableQueryable>;
}

/** Collaborators from the Lambda environment: RDS_SECRET_ARN on AWS, MYSQL_URL locally. */
export async function mysqlStepDependenciesFromEnvironment(): Promise<MysqlStepDependencies> {
  const { env, config, logger } = await loadLambdaBasics();
  return {
    catalog: new SdkGlueCatalog(createGlueClient({ endpoint: env.AWS_ENDPOINT_URL_GLUE })),
    s3: createS3Client({ endpoint: env.AWS_ENDPOINT_URL_S3 }),
    config,
    mysqlSettings: mysqlSettingsFromEnvironment(),
    logger,
  };
}
