import {
  CreateCrawlerCommand,
  CreateDatabaseCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
} from '@aws-sdk/client-glue';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_STATES } from '../../local/workflow/csv-catalog-workflow.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';
import { recrawl } from '../glue/glue-test-stack.js';
import { lambdaContext } from '../support/lambda-context.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import {
  DeferredStarter,
  startWorkflowStack,
  stateOf,
  TEACHER_COLUMNS,
  taskPayload,
  teacherCsv,
  type WorkflowTestStack,
} from './workflow-test-stack.js';

const strings = (names: string[]) => names.map((name) => [name, 'string']);

describe('CoerceSchema and SyncRdsDdl, end to end from a filed object', () => {
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

  it('renames the col0… of a table crawled by a hand-made crawler, and takes the crawler over', async () => {
    // Prepare: the team's crawler, no classifier, has crawled an all-string dump
    stack = await startWorkflowStack(s3, {
      config: { tables: { school_teacher: { columns: TEACHER_COLUMNS } } },
    });
    const { glueClient, config, bucket } = stack;
    await glueClient.send(
      new CreateDatabaseCommand({ DatabaseInput: { Name: config.glue.database } }),
    );
    await glueClient.send(
      new CreateCrawlerCommand({
        Name: 'crawler_school_teacher',
        Role: 'AWSGlueServiceRole-team',
        DatabaseName: config.glue.database,
        Targets: { S3Targets: [{ Path: `s3://${bucket}/school_teacher/` }] },
        SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      }),
    );
    await stack.fileOnly('SCHOOL_TEACHER_202508291512.csv', teacherCsv(), new DeferredStarter());
    await recrawl(glueClient, 'crawler_school_teacher');
    const crawled = await stack.catalogColumns('school_teacher');

    // Act
    const { execution } = await stack.drop('SCHOOL_TEACHER_202508301200.csv', teacherCsv());

    // Assess
    expect(crawled.map(([name]) => name)).toEqual(TEACHER_COLUMNS.map((_, i) => `col${i}`));
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      crawler: { action: 'updated', changed: expect.arrayContaining(['Classifiers']) },
      crawl: { crawl: false },
      catalog: {
        renamed: {
          count: TEACHER_COLUMNS.length,
          first: TEACHER_COLUMNS.slice(0, 5).map((to, i) => ({ from: `col${i}`, to })),
        },
        skipHeaderSet: true,
      },
      mysql: { created: true },
    });
    expect(await stack.catalogColumns('school_teacher')).toEqual(strings(TEACHER_COLUMNS));
    expect((await stack.db.columns('school_teacher')).map((c) => c.name)).toEqual(TEACHER_COLUMNS);
  });

  it('creates a 200-column table in Glue and in MySQL', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const names = Array.from({ length: 200 }, (_, i) => `field_${String(i + 1).padStart(3, '0')}`);
    const row = names.map((_, i) => `v${i}`).join(',');

    // Act
    const { execution } = await stack.drop(
      'AT_BASIC_INQUIRY_VAL_202508291511.csv',
      `${names.join(',')}\n${row}\n${row}\n`,
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(await stack.catalogColumns('at_basic_inquiry_val')).toEqual(strings(names));
    expect((await stack.db.columns('at_basic_inquiry_val')).map((c) => c.name)).toEqual(names);
  });

  it('turns hostile header cells into the right columns, and nothing else', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    const header = [
      '`tick`',
      '"""quoted"""',
      'x; DROP TABLE hostile_headers',
      'order',
      'group',
      'key',
      "it's",
      'Reg Date',
    ];
    const expected = [
      'tick',
      'quoted',
      'x_drop_table_hostile_headers',
      'order',
      'group',
      'key',
      'it_s',
      'reg_date',
    ];
    const row = expected.map((_, i) => `v${i}`).join(',');

    // Act
    const { execution } = await stack.drop(
      'HOSTILE_HEADERS_20250829.csv',
      `${header.join(',')}\n${row}\n`,
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(await stack.catalogColumns('hostile_headers')).toEqual(strings(expected));
    const { Table } = await stack.glueClient.send(
      new GetTableCommand({ DatabaseName: stack.config.glue.database, Name: 'hostile_headers' }),
    );
    expect(Table?.StorageDescriptor?.SerdeInfo).toMatchObject({
      SerializationLibrary: 'org.apache.hadoop.hive.serde2.OpenCSVSerde',
      Parameters: { separatorChar: ',', quoteChar: '"', escapeChar: '\u0000' },
    });
    const { TableList } = await stack.glueClient.send(
      new GetTablesCommand({ DatabaseName: stack.config.glue.database }),
    );
    expect(TableList?.map((t) => t.Name)).toEqual(['hostile_headers']);
    expect(await stack.db.tables()).toEqual(['hostile_headers']);
    expect((await stack.db.columns('hostile_headers')).map((c) => c.name)).toEqual(expected);
  });

  it('adds a column a second snapshot brings, in Glue and in MySQL, without a crawl under LOG', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    await stack.drop('SCHOOL_TEACHER_202508291512.csv', teacherCsv());
    const withNote = [...TEACHER_COLUMNS.slice(0, 4), 'note', ...TEACHER_COLUMNS.slice(4)];
    const row = withNote.map((_, i) => `v${i}`).join(',');

    // Act
    const { execution } = await stack.drop(
      'SCHOOL_TEACHER_202508301200.csv',
      `${withNote.join(',')}\n${row}\n`,
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      crawl: {
        crawl: false,
        reason: expect.stringMatching(
          /^new columns are added by CoerceSchema; a LOG crawler would not change the table .*note/,
        ),
      },
      catalog: { added: { count: 1, first: ['note'] }, kept: { count: 0 } },
      mysql: { added: { count: 1, first: ['note'] } },
    });
    expect(stateOf(execution, 'StartCrawler')).toBeUndefined();
    expect(await stack.catalogColumns('school_teacher')).toEqual(strings(withNote));
    expect((await stack.db.columns('school_teacher')).map((c) => c.name)).toEqual(withNote);
  });

  it('crawls for a column a second snapshot brings under UPDATE_IN_DATABASE', async () => {
    // Prepare
    stack = await startWorkflowStack(s3, {
      config: { crawl: { schemaChangePolicy: { updateBehavior: 'UPDATE_IN_DATABASE' } } },
    });
    await stack.drop('SCHOOL_TEACHER_202508291512.csv', teacherCsv());

    // Act
    const { execution } = await stack.drop(
      'SCHOOL_TEACHER_202508301200.csv',
      teacherCsv(3, ['note']),
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      crawl: { crawl: true, reason: expect.stringContaining('note') },
      mysql: { added: { count: 1, first: ['note'] } },
    });
    expect(await stack.catalogColumns('school_teacher')).toEqual(
      strings([...TEACHER_COLUMNS, 'note']),
    );
  });

  it('adds a column that takes the place of a dropped one, and keeps the dropped one', async () => {
    // Prepare
    stack = await startWorkflowStack(s3);
    await stack.drop('MEMBER_202508291512.csv', 'member_no,old_col,point\nM001,x,10\n');

    // Act
    const { execution } = await stack.drop(
      'MEMBER_202508301200.csv',
      'member_no,new_col,point\nM001,y,10\n',
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({
      crawl: { crawl: false, reason: expect.stringContaining('new_col') },
      catalog: {
        renamed: { count: 0 },
        added: { count: 1, first: ['new_col'] },
        kept: { count: 1, first: ['old_col'] },
      },
      mysql: { added: { count: 1, first: ['new_col'] } },
    });
    expect(await stack.catalogColumns('member')).toEqual(
      strings(['member_no', 'new_col', 'point', 'old_col']),
    );
    expect((await stack.db.columns('member')).map((c) => c.name).sort()).toEqual([
      'member_no',
      'new_col',
      'old_col',
      'point',
    ]);
  });

  it('lets config rename columns and keep types other than string', async () => {
    // Prepare
    stack = await startWorkflowStack(s3, {
      config: {
        tables: {
          member: { rename: { name: 'member_name' }, types: { point: 'bigint', birthday: 'date' } },
        },
      },
    });

    // Act
    const { execution } = await stack.drop(
      'MEMBER_20250829.csv',
      'member_no,name,birthday,point\nM001,Kim,2001-02-03,10\nM002,Lee,2002-03-04,20\n',
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(await stack.catalogColumns('member')).toEqual([
      ['member_no', 'string'],
      ['member_name', 'string'],
      ['birthday', 'date'],
      ['point', 'bigint'],
    ]);
    expect(await stack.db.columns('member')).toEqual([
      { name: 'member_no', type: 'varchar(255)' },
      { name: 'member_name', type: 'varchar(255)' },
      { name: 'birthday', type: 'date' },
      { name: 'point', type: expect.stringMatching(/^bigint/) },
    ]);
  });

  it('makes every partition’s columns the table’s', async () => {
    // Prepare: a table kept in key=value folders, and a rename in config
    stack = await startWorkflowStack(s3, {
      config: { tables: { member: { rename: { name: 'member_name' } } } },
    });
    const csv = 'member_no,name\nM001,Kim\n';
    for (const region of ['busan', 'seoul']) {
      await s3.client.send(
        new PutObjectCommand({
          Bucket: stack.bucket,
          Key: `member/region=${region}/m.csv`,
          Body: csv,
        }),
      );
    }
    const input: WorkflowInput = {
      bucket: stack.bucket,
      key: 'member/region=seoul/m.csv',
      sourceKey: 'member/region=seoul/m.csv',
      table: 'member',
      snapshot: null,
      encoding: 'utf-8',
      delimiter: ',',
      quote: '"',
      columns: 2,
      quoted: false,
      multiline: false,
      size: csv.length,
      filedAt: new Date().toISOString(),
      superseded: false,
    };

    // Act: a first execution crawls the new table; a second finds it partitioned
    await stack.runner.start('member-partitioned-1', input);
    const first = await stack.runner.wait('member-partitioned-1');
    await stack.runner.start('member-partitioned-2', input);
    const second = await stack.runner.wait('member-partitioned-2');

    // Assess
    expect(first.output).toMatchObject({
      crawl: { crawl: true },
      catalog: {
        renamed: { count: 1, first: [{ from: 'name', to: 'member_name' }] },
        partitionsUpdated: 2,
      },
    });
    expect(second.output).toMatchObject({
      crawl: { crawl: true, reason: expect.stringContaining('partitioned') },
      catalog: { renamed: { count: 0, first: [] }, partitionsUpdated: 0 },
    });
    const { Partitions } = await stack.glueClient.send(
      new GetPartitionsCommand({ DatabaseName: stack.config.glue.database, TableName: 'member' }),
    );
    expect(Partitions?.map((p) => p.StorageDescriptor?.Columns?.map((c) => c.Name))).toEqual([
      ['member_no', 'member_name'],
      ['member_no', 'member_name'],
    ]);
    expect((await stack.db.columns('member')).map((c) => c.name)).toEqual([
      'member_no',
      'member_name',
    ]);
  });

  it('changes nothing when each Lambda step runs again on its recorded input (a redrive)', async () => {
    // Prepare: with the rows loaded, so that LoadRows has a recorded input too
    stack = await startWorkflowStack(s3, { config: { rds: { load: 'replace' } } });
    const { execution } = await stack.drop('SCHOOL_TEACHER_202508291512.csv', teacherCsv());
    const history = stack.runner.history(execution.name);
    const inputOf = (state: string) =>
      taskPayload(
        state,
        history.findLast((e) => e.type === 'StateEntered' && e.stateName === state)?.input,
      );

    // Act
    const again: Record<string, unknown> = {};
    // DescribeCrawlFailure runs only after a failed crawl.
    for (const state of LAMBDA_STATES.filter((name) => name !== 'DescribeCrawlFailure')) {
      again[state] = await stack.handlers[state](inputOf(state), lambdaContext);
    }

    // Assess
    expect(again).toMatchObject({
      CheckSnapshot: { superseded: false },
      EnsureCrawler: { action: 'unchanged' },
      DecideCrawl: { crawl: false },
      CoerceSchema: { status: 'unchanged' },
      SyncRdsDdl: { created: false, statements: 0 },
      // A replace from byte 0 loads the same rows again (what `sync` relies on)
      LoadRows: { done: true, alreadyLoaded: false, rows: 3 },
    });
    expect(await stack.catalogColumns('school_teacher')).toEqual(strings(TEACHER_COLUMNS));
    const [counted] = await stack.db.connection.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM \`${stack.db.database}\`.school_teacher`,
    );
    expect(Number(counted[0]?.n)).toBe(3);
  });
});
