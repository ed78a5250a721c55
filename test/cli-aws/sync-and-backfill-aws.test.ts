import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ListStateMachinesCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import { runCliInProcess } from '../support/run-cli.js';

const ARN = 'arn:aws:states:ap-northeast-2:123456789012:stateMachine:csv-catalog-prod';

// Step Functions has no local server that answers as AWS does: it is mocked; S3 is the real
// local server, reached through AWS_ENDPOINT_URL_S3 as the default credential chain would.
describe('backfill and sync against AWS', () => {
  let s3: TestS3;
  const sfn = mockClient(SFNClient);
  const endpointBefore = process.env.AWS_ENDPOINT_URL_S3;

  beforeAll(async () => {
    s3 = await startTestS3([]);
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  });
  afterAll(async () => {
    process.env.AWS_ENDPOINT_URL_S3 = endpointBefore;
    sfn.restore();
    await s3?.stop();
  });
  beforeEach(() => {
    sfn.reset();
    sfn.on(ListStateMachinesCommand).resolves({
      stateMachines: [
        {
          name: 'csv-catalog-prod',
          stateMachineArn: ARN,
          type: 'STANDARD',
          creationDate: new Date(),
        },
      ],
    });
    sfn.on(StartExecutionCommand).callsFake((input: { name?: string }) => ({
      executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:${input.name}`,
      startDate: new Date(),
    }));
  });

  it('backfill starts the deployed workflow for every filed file', async () => {
    // Prepare
    await s3.client.send(new CreateBucketCommand({ Bucket: 'dumps-backfill' }));
    for (const key of ['PSY_ORD_20250101.csv', 'MEMBER_20250101.csv']) {
      await s3.client.send(
        new PutObjectCommand({ Bucket: 'dumps-backfill', Key: key, Body: 'a,b\n1,2\n' }),
      );
    }

    // Act
    const result = await runCliInProcess([
      'backfill',
      '--bucket',
      'dumps-backfill',
      '--state-machine-arn',
      ARN,
      '--json',
    ]);

    // Assess
    expect(result.exitCode).toBe(0);
    expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 2);
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: ARN,
      name: expect.stringMatching(/^psy_ord-20250101-[0-9a-f]{10}$/),
    });
  });

  it('sync --all --stage starts one execution per table prefix, skipping reserved and excluded ones', async () => {
    // Prepare
    const bucket = 'dumps-sync';
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    const keys = [
      'psy_ord/PSY_ORD_20250101.csv',
      'psy_ord/PSY_ORD_20250301.csv',
      'school_teacher/school_teacher.csv',
      '_archive/psy_ord/PSY_ORD_20241201.csv',
      '_raw/member/MEMBER_20250101.csv',
      'athena/results.csv',
      'empty_table/readme.txt',
    ];
    for (const Key of keys) {
      await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'id,name\n1,a\n' }));
    }

    // Act
    const result = await runCliInProcess([
      'sync',
      '--all',
      '--stage',
      'prod',
      '--bucket',
      bucket,
      '--json',
    ]);

    // Assess
    expect(result.exitCode).toBe(0);
    const outcomes = JSON.parse(result.stdout) as { table: string; status: string; key?: string }[];
    expect(outcomes.map((o) => [o.table, o.status, o.key])).toEqual([
      ['empty_table', 'skipped', undefined],
      ['psy_ord', 'started', 'psy_ord/PSY_ORD_20250301.csv'],
      ['school_teacher', 'started', 'school_teacher/school_teacher.csv'],
    ]);
    expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 2);
    const inputs = sfn.commandCalls(StartExecutionCommand).map(
      (c) =>
        JSON.parse(c.args[0].input.input ?? '{}') as {
          table: string;
          key: string;
          columns: number;
        },
    );
    expect(inputs.find((i) => i.table === 'psy_ord')).toMatchObject({
      key: 'psy_ord/PSY_ORD_20250301.csv',
      columns: 2,
    });
  });

  it('sync says what is missing without --table or --all', async () => {
    // Act
    const result = await runCliInProcess(['sync', '--stage', 'prod', '--bucket', 'x']);

    // Assess
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('give --table <table…> or --all');
  });

  it('sync on AWS needs the bucket named, never the local default', async () => {
    // Act
    const result = await runCliInProcess(['sync', '--all', '--stage', 'prod']);

    // Assess
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('give --bucket with --stage');
    expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 0);
  });
});
