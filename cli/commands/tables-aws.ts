import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createGlueClient } from '../../shared/aws/glue-client.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import { resolveMysqlSettings } from '../../shared/mysql/resolve-mysql-settings.js';
import { cliConfig } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-code.js';
import { newestExecutionOf, showTables } from '../tables-show.js';
import { awsExecutionHistory } from './aws-step-functions.js';
import type { TablesOptions } from './tables.js';

/**
 * Step Functions executions looked through for each table's newest one: every execution is a
 * DescribeExecution (its input names the table), so the scan is bounded.
 */
const AWS_EXECUTIONS_SCANNED = 200;

/**
 * `tables --stage`: the stage's bucket, its Glue catalog and crawlers, the MySQL its RDS secret
 * names (Secrets Manager) and its state machine's executions.
 */
export async function tablesOnAws(options: TablesOptions, io: CliIo): Promise<ExitCode> {
  const config = await cliConfig(options.config);
  const region = options.region;
  const s3 = createS3Client({ region });
  const glue = createGlueClient({ region });
  const secrets = new SecretsManagerClient(region ? { region } : {});
  const { source, close } = await awsExecutionHistory({ stage: options.stage, region });
  try {
    const mysqlSettings = await resolveMysqlSettings({
      env: { RDS_SECRET_ARN: options.rdsSecretArn },
      secretsManagerClient: secrets,
    });
    return await showTables(
      {
        store: new S3ObjectStore(s3, options.bucket),
        catalog: new SdkGlueCatalog(glue),
        config,
        stage: options.stage,
        mysqlSettings,
        lastExecution: await newestExecutionOf(source, AWS_EXECUTIONS_SCANNED),
      },
      options,
      io,
    );
  } finally {
    close();
    s3.destroy();
    glue.destroy();
    secrets.destroy();
  }
}
