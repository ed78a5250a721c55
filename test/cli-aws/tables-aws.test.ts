import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GlueEndpoint, startGlueEndpoint } from '../../local/glue/glue-endpoint.js';
import { type LocalS3, startLocalS3 } from '../../local/s3/local-s3-server.js';
import type { TableOverview } from '../../shared/tables/table-overview.js';
import { BUCKET, openRunDatabase, tempDir } from '../local/local-test-support.js';
import { testMysqlSettings } from '../mysql/test-database.js';
import { runCliInProcess } from '../support/run-cli.js';
import { described, listItem, REGION, STATE_MACHINE_ARN } from './sfn-fixtures.js';

/**
 * `tables --stage`: S3 and Glue are the real local servers (reached through
 * AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL_GLUE, as the default chain would), holding what a
 * `local run` filed; MySQL is the real MariaDB. Step Functions and Secrets Manager have no local
 * server that answers as AWS does: they are mocked.
 */
describe('csv-catalog tables --stage (AWS)', () => {
  const sfn = mockClient(SFNClient);
  const secrets = mockClient(SecretsManagerClient);
  const endpointsBefore = [process.env.AWS_ENDPOINT_URL_S3, process.env.AWS_ENDPOINT_URL_GLUE];
  let db: Awaited<ReturnType<typeof openRunDatabase>>;
  let files: Awaited<ReturnType<typeof tempDir>>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let s3: LocalS3;
  let glue: GlueEndpoint;
  let config: string;

  beforeAll(async () => {
    // Prepare: a table filed by `local run` (a Korean header with comments), its servers
    // started again on its folder as the stage's S3 and Glue; a config naming crawlers as the
    // team's own (crawler_{table}), as a stage adopting them would.
    db = await openRunDatabase();
    files = await tempDir('tables-aws-files');
    dir = await tempDir('tables-aws-state');
    config = join(files.path, 'team.yml');
    await writeFile(config, 'glue:\n  crawlerName: crawler_{table}\n');
    const csv = join(files.path, 'MEMBER_KR_20250901.csv');
    await writeFile(csv, '회원 번호,이름\n1,홍길동\n2,"김\n철수"\n');
    const run = await runCliInProcess([
      'local',
      'run',
      '--dir',
      dir.path,
      '--mysql-url',
      db.url,
      '--config',
      config,
      csv,
    ]);
    if (run.exitCode !== 0) throw new Error(`local run failed:\n${run.stdout}\n${run.stderr}`);
    s3 = await startLocalS3({ dir: join(dir.path, 's3'), buckets: [BUCKET] });
    glue = await startGlueEndpoint({ dir: join(dir.path, 'glue'), s3Endpoint: s3.endpoint });
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    process.env.AWS_ENDPOINT_URL_GLUE = glue.endpoint;
    const { host, port, user, password } = testMysqlSettings();
    secrets.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        host,
        port,
        username: user,
        password,
        dbname: db.database,
        'ssl-mode': 'DISABLED',
      }),
    });
    const newest = listItem(
      'member_kr-20250901-aaaa',
      'SUCCEEDED',
      '2026-11-26T04:00:00Z',
      '2026-11-26T04:01:00Z',
    );
    const older = listItem(
      'member_kr-20250801-bbbb',
      'SUCCEEDED',
      '2026-11-25T04:00:00Z',
      '2026-11-25T04:01:00Z',
    );
    sfn.on(ListStateMachinesCommand).resolves({
      stateMachines: [
        {
          name: 'csv-catalog-prod',
          stateMachineArn: STATE_MACHINE_ARN,
          type: 'STANDARD',
          creationDate: new Date(),
        },
      ],
    });
    sfn.on(ListExecutionsCommand).resolves({ executions: [newest, older] });
    sfn
      .on(DescribeExecutionCommand, { executionArn: newest.executionArn })
      .resolves(described(newest, 'member_kr'))
      .on(DescribeExecutionCommand, { executionArn: older.executionArn })
      .resolves(described(older, 'member_kr'));
  }, 180_000);
  afterAll(async () => {
    [process.env.AWS_ENDPOINT_URL_S3, process.env.AWS_ENDPOINT_URL_GLUE] = endpointsBefore;
    sfn.restore();
    secrets.restore();
    await glue?.close();
    await s3?.close();
    await db?.drop();
    await files?.remove();
    await dir?.remove();
  });

  it("reads the stage's bucket, catalog, crawler, RDS secret's MySQL and newest execution", async () => {
    // Act
    const run = await runCliInProcess([
      'tables',
      '--stage',
      'prod',
      '--region',
      REGION,
      '--bucket',
      BUCKET,
      '--rds-secret-arn',
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:csv-catalog/prod-AbCdEf',
      '--config',
      config,
      '--json',
    ]);

    // Assess
    const { tables } = JSON.parse(run.stdout) as { tables: TableOverview[] };
    expect(tables.map((t) => t.table)).toEqual(['member_kr']);
    const [member] = tables;
    expect(
      member?.columns.map((p) => [p.catalog?.comment, p.mysql?.name, p.mysql?.comment]),
    ).toEqual([
      ['회원 번호', '회원_번호', '회원 번호'],
      ['', '이름', ''],
    ]);
    expect(member?.file).toEqual({ key: 'member_kr/MEMBER_KR_20250901.csv', rows: 2 });
    expect(member?.mysqlRows).toBe(0);
    expect(member?.crawler).toMatchObject({
      name: 'crawler_member_kr',
      exists: true,
      status: 'SUCCEEDED',
    });
    expect(member?.lastExecution).toEqual({
      name: 'member_kr-20250901-aaaa',
      status: 'SUCCEEDED',
      startedAt: '2026-11-26T04:00:00.000Z',
      stoppedAt: '2026-11-26T04:01:00.000Z',
    });
    expect(member?.problems).toEqual([]);
    expect(secrets.commandCalls(GetSecretValueCommand)[0]?.args[0].input.SecretId).toContain(
      'csv-catalog/prod',
    );
    expect(run.exitCode, run.stderr).toBe(0);
  }, 60_000);

  it('asks for --bucket and the RDS secret with --stage', async () => {
    // Act
    const noBucket = await runCliInProcess(['tables', '--stage', 'prod', '--rds-secret-arn', 'x']);
    const noSecret = await withoutEnv('RDS_SECRET_ARN', () =>
      runCliInProcess(['tables', '--stage', 'prod', '--bucket', BUCKET]),
    );

    // Assess
    expect(noBucket.stderr).toContain('give --bucket with --stage');
    expect(noBucket.exitCode).toBe(2);
    expect(noSecret.stderr).toContain('give --rds-secret-arn (or RDS_SECRET_ARN)');
    expect(noSecret.exitCode).toBe(2);
  });
});

/** Runs `use` with an environment variable unset, then puts it back. */
async function withoutEnv<T>(name: string, use: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  delete process.env[name];
  try {
    return await use();
  } finally {
    if (before !== undefined) process.env[name] = before;
  }
}
