import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSyncRdsDdlHandler } from '../../functions/sync-rds-ddl/handler.js';
import { SdkGlueCatalog } from '../../shared/glue/sdk-glue-catalog.js';
import { createLogger } from '../../shared/logging/logger.js';
import { type MysqlSettings, makeMysqlSettings } from '../../shared/mysql/mysql-settings.js';
import { lambdaContext } from '../support/lambda-context.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import {
  startWorkflowStack,
  stateOf,
  TEACHER_COLUMNS,
  teacherCsv,
  type WorkflowTestStack,
} from './workflow-test-stack.js';

/** Nothing listens on port 1 of loopback: connections are refused at once. */
const closedPort = (mysql: MysqlSettings) => makeMysqlSettings({ ...mysql, port: 1 });

describe('the workflow when MySQL is down', () => {
  let s3: TestS3;
  let stack: WorkflowTestStack | undefined;
  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });
  afterAll(async () => s3?.stop());

  it('retries SyncRdsDdl while MySQL refuses connections, then creates the table', async () => {
    // Prepare: the first attempt reaches a closed port, later ones the real server
    let attempts = 0;
    stack = await startWorkflowStack(s3, {
      mysqlSettings: (mysql) => async () => (++attempts === 1 ? closedPort(mysql) : mysql),
    });

    // Act
    const { execution } = await stack.drop('SCHOOL_TEACHER_202508291512.csv', teacherCsv());

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(stateOf(execution, 'SyncRdsDdl')).toMatchObject({
      status: 'SUCCEEDED',
      retries: 1,
      error: 'RdsUnavailable',
    });
    expect((await stack.db.columns('school_teacher')).map((c) => c.name)).toEqual(TEACHER_COLUMNS);
  });

  it('fails at SyncRdsDdl with the cause once the retries are spent; the step redone later finishes', async () => {
    // Prepare
    stack = await startWorkflowStack(s3, {
      mysqlSettings: (mysql) => async () => closedPort(mysql),
    });

    // Act
    const { execution } = await stack.drop('SCHOOL_TEACHER_202508291512.csv', teacherCsv());

    // Assess: failed where it failed, with MySQL's reason
    expect(execution).toMatchObject({ status: 'FAILED', error: 'RdsUnavailable' });
    expect(JSON.parse(execution.cause ?? '{}')).toMatchObject({
      errorType: 'RdsUnavailable',
      errorMessage: expect.stringMatching(
        /^MySQL at 127\.0\.0\.1:1 is unavailable: .*ECONNREFUSED/,
      ),
    });
    expect(stateOf(execution, 'SyncRdsDdl')).toMatchObject({ status: 'FAILED', retries: 4 });
    expect(await stack.db.tables()).toEqual([]);

    // Act: what a redrive does — the failed state again, on its recorded input, MySQL back up
    const failedInput = stack.runner
      .history(execution.name)
      .findLast((e) => e.type === 'StateEntered' && e.stateName === 'SyncRdsDdl')?.input;
    const mysql = stack.mysql;
    const sync = createSyncRdsDdlHandler(async () => ({
      catalog: new SdkGlueCatalog(stack!.glueClient),
      s3: s3!.client,
      config: stack!.config,
      mysqlSettings: async () => mysql,
      logger: createLogger({ logLevel: 'SILENT' }),
    }));
    // The recorded state is untyped JSON; the ASL's Parameters pick the Payload from it.
    const { bucket, key, table } = failedInput as unknown as Parameters<typeof sync>[0];
    const event = { bucket, key, table };
    const redone = await sync(event, lambdaContext);
    const again = await sync(event, lambdaContext);

    // Assess: created once, nothing to do the second time
    expect(redone.created).toBe(true);
    expect(again.statements).toBe(0);
    expect((await stack.db.columns('school_teacher')).map((c) => c.name)).toEqual(TEACHER_COLUMNS);
  });
});
