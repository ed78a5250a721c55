import {
  CreateClassifierCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  type Table,
  UpdateTableCommand,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crawlOnce,
  type GlueTestStack,
  putObjects,
  recrawl,
  startGlueTestStack,
} from './glue-test-stack.js';

const TEACHER_HEADER =
  'school_code,member_no,use_yn,memo,reg_member_no,reg_date,mod_member_no,mod_date';
const TEACHER_ROWS = [
  'S001,M01,Y,homeroom,M90,2025.08.29,M90,2025.08.29',
  'S002,M02,N,science,M90,2025.08.30,M91,2025.09.01',
];

/** Files of different headers under one prefix make one table only with this policy. */
const COMBINE_COMPATIBLE =
  '{"Version":1.0,"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas"}}';

function columnsOf(table: Table | undefined) {
  return table?.StorageDescriptor?.Columns?.map((c) => [c.Name, c.Type]);
}

describe('local Glue crawler: what it infers from CSV files in the local S3', () => {
  let stack: GlueTestStack;
  const getTable = async (name: string) =>
    (await stack.client.send(new GetTableCommand({ DatabaseName: 'schoolfriends', Name: name })))
      .Table;

  beforeAll(async () => {
    stack = await startGlueTestStack(['data'], { minCrawlMs: 0 });
  });
  afterAll(async () => stack?.stop());

  it('names the columns of an all-string CSV col0…col7 and keeps its header row as data', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      'school_teacher/SCHOOL_TEACHER_202508291512.csv': [TEACHER_HEADER, ...TEACHER_ROWS, ''].join(
        '\n',
      ),
    });

    // Act
    const crawler = await crawlOnce(stack.client, {
      Name: 'crawler_school_teacher',
      paths: ['s3://data/school_teacher/'],
    });
    const table = await getTable('school_teacher');

    // Assess
    expect(crawler.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(columnsOf(table)).toEqual(
      Array.from({ length: 8 }, (_, index) => [`col${index}`, 'string']),
    );
    expect(table?.Parameters?.['skip.header.line.count']).toBeUndefined();
    expect(table).toMatchObject({
      Owner: 'owner',
      TableType: 'EXTERNAL_TABLE',
      Retention: 0,
      PartitionKeys: [],
      IsRegisteredWithLakeFormation: false,
      CatalogId: '000000000000',
      StorageDescriptor: {
        Location: 's3://data/school_teacher/',
        InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        Compressed: false,
        NumberOfBuckets: -1,
        SerdeInfo: {
          SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
          Parameters: { 'field.delim': ',' },
        },
        BucketColumns: [],
        SortColumns: [],
        StoredAsSubDirectories: false,
      },
      Parameters: {
        classification: 'csv',
        delimiter: ',',
        compressionType: 'none',
        typeOfData: 'file',
        areColumnsQuoted: 'false',
        objectCount: '1',
        UPDATED_BY_CRAWLER: 'crawler_school_teacher',
        CrawlerSchemaSerializerVersion: '1.0',
        CrawlerSchemaDeserializerVersion: '1.0',
      },
    });
    expect(Number(table?.Parameters?.recordCount)).toBeGreaterThan(0);
  });

  it('takes the header of an all-string CSV when a custom classifier says PRESENT', async () => {
    // Prepare
    await stack.client.send(
      new CreateClassifierCommand({
        CsvClassifier: {
          Name: 'csv_with_header',
          Delimiter: ',',
          QuoteSymbol: '"',
          ContainsHeader: 'PRESENT',
        },
      }),
    );
    await putObjects(stack.s3, 'data', {
      'teacher_named/t.csv': [TEACHER_HEADER, ...TEACHER_ROWS].join('\n'),
    });

    // Act
    await crawlOnce(stack.client, {
      Name: 'crawler_teacher_named',
      paths: ['s3://data/teacher_named/'],
      Classifiers: ['csv_with_header'],
    });
    const table = await getTable('teacher_named');

    // Assess
    expect(table?.StorageDescriptor?.Columns?.map((c) => c.Name)).toEqual(
      TEACHER_HEADER.split(','),
    );
    expect(table?.Parameters?.['skip.header.line.count']).toBe('1');
  });

  it('names columns from a custom classifier Header when the file has none', async () => {
    // Prepare
    await stack.client.send(
      new CreateClassifierCommand({
        CsvClassifier: {
          Name: 'pipe_named',
          Delimiter: '|',
          ContainsHeader: 'ABSENT',
          Header: ['code', 'name'],
        },
      }),
    );
    await putObjects(stack.s3, 'data', {
      'school_info/i.csv': 'S001|Seoul High\nS002|Busan High\n',
    });

    // Act
    await crawlOnce(stack.client, {
      Name: 'crawler_school_info',
      paths: ['s3://data/school_info'],
      Classifiers: ['pipe_named'],
    });
    const table = await getTable('school_info');

    // Assess
    expect(columnsOf(table)).toEqual([
      ['code', 'string'],
      ['name', 'string'],
    ]);
    expect(table?.Parameters?.delimiter).toBe('|');
  });

  it('infers bigint, double, boolean and timestamp, widening types across files', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      'at_scale_code/a.csv':
        'id,score,passed,tested_at,code\n1,10,true,2025-08-29 15:11:00,7\n2,11,false,2025-08-30 09:00:00,8\n',
      'at_scale_code/b.csv': 'id,score,passed,tested_at,code\n3,12.5,true,2025-08-31 10:00:00,A7\n',
    });

    // Act
    await crawlOnce(stack.client, {
      Name: 'crawler_at_scale_code',
      paths: ['s3://data/at_scale_code/'],
    });
    const table = await getTable('at_scale_code');

    // Assess
    expect(columnsOf(table)).toEqual([
      ['id', 'bigint'],
      ['score', 'double'],
      ['passed', 'boolean'],
      ['tested_at', 'timestamp'],
      ['code', 'string'],
    ]);
    expect(table?.Parameters).toMatchObject({ 'skip.header.line.count': '1', objectCount: '2' });
  });

  it('uses OpenCSVSerDe for quoted values, and finds ; and tab delimiters past a UTF-8 BOM', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      'psy_class/q.csv': 'id,name,memo\n1,"Kim, Minji","said ""hi"""\n2,Lee,"two\nlines"\n',
      'psy_ord/s.csv': '\uFEFFid;name\n1;김민지\n2;이서준\n',
      'psy_target/t.tsv': 'id\tname\n1\tkim\n2\tlee\n',
    });

    // Act
    await crawlOnce(stack.client, {
      Name: 'crawler_dialects',
      paths: ['s3://data/psy_class/', 's3://data/psy_ord/', 's3://data/psy_target/'],
    });
    const quoted = await getTable('psy_class');
    const semicolon = await getTable('psy_ord');
    const tab = await getTable('psy_target');

    // Assess
    expect(quoted?.StorageDescriptor?.SerdeInfo).toEqual({
      SerializationLibrary: 'org.apache.hadoop.hive.serde2.OpenCSVSerde',
      Parameters: { separatorChar: ',', quoteChar: '"' },
    });
    expect(quoted?.Parameters?.areColumnsQuoted).toBe('true');
    expect(columnsOf(quoted)).toEqual([
      ['id', 'bigint'],
      ['name', 'string'],
      ['memo', 'string'],
    ]);
    expect(columnsOf(semicolon)).toEqual([
      ['id', 'bigint'],
      ['name', 'string'],
    ]);
    expect(semicolon?.StorageDescriptor?.SerdeInfo?.Parameters).toEqual({ 'field.delim': ';' });
    expect(tab?.Parameters?.delimiter).toBe('\t');
  });

  it('leaves a table alone under LOG and rewrites it under UPDATE_IN_DATABASE', async () => {
    // Prepare
    const first = 'id,name\n1,kim\n2,lee\n';
    await putObjects(stack.s3, 'data', { 'member_log/1.csv': first, 'member_update/1.csv': first });
    await crawlOnce(stack.client, {
      Name: 'crawler_member_log',
      paths: ['s3://data/member_log/'],
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      Configuration: COMBINE_COMPATIBLE,
    });
    await crawlOnce(stack.client, {
      Name: 'crawler_member_update',
      paths: ['s3://data/member_update/'],
      SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'LOG' },
      Configuration: COMBINE_COMPATIBLE,
    });
    // A person fixes a column name by hand, as the pipeline does after a crawl.
    const logged = await getTable('member_log');
    await stack.client.send(
      new UpdateTableCommand({
        DatabaseName: 'schoolfriends',
        TableInput: {
          Name: 'member_log',
          TableType: logged?.TableType,
          Parameters: logged?.Parameters,
          StorageDescriptor: {
            ...logged?.StorageDescriptor,
            Columns: [
              { Name: 'member_id', Type: 'string' },
              { Name: 'name', Type: 'string' },
            ],
          },
        },
      }),
    );
    const second = 'id,name,email\n3,park,p@example.com\n';
    await putObjects(stack.s3, 'data', {
      'member_log/2.csv': second,
      'member_update/2.csv': second,
    });

    // Act
    const logRun = await recrawl(stack.client, 'crawler_member_log');
    const updateRun = await recrawl(stack.client, 'crawler_member_update');
    const afterLog = await getTable('member_log');
    const afterUpdate = await getTable('member_update');

    // Assess
    expect([logRun.LastCrawl?.Status, updateRun.LastCrawl?.Status]).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    expect(columnsOf(afterLog)).toEqual([
      ['member_id', 'string'],
      ['name', 'string'],
    ]);
    expect(afterLog?.VersionId).toBe('1');
    expect(columnsOf(afterUpdate)).toEqual([
      ['id', 'bigint'],
      ['name', 'string'],
      ['email', 'string'],
    ]);
    expect(afterUpdate?.VersionId).toBe('1');
  });

  it('makes one table of the 1,001 small files under one prefix, across listing pages', async () => {
    // Prepare
    const files: Record<string, string> = {};
    // One more than a ListObjectsV2 page holds, so the crawler must follow the continuation.
    for (let index = 0; index < 1001; index += 1) {
      files[`psy_estimate/part-${String(index).padStart(4, '0')}.csv`] =
        `id,score\n${index},${index}.5\n`;
    }
    await putObjects(stack.s3, 'data', files);

    // Act
    const crawler = await crawlOnce(stack.client, {
      Name: 'crawler_psy_estimate',
      paths: ['s3://data/psy_estimate/'],
    });
    const { TableList } = await stack.client.send(
      new GetTablesCommand({ DatabaseName: 'schoolfriends', Expression: 'psy_estimate.*' }),
    );

    // Assess
    expect(crawler.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(TableList?.map((t) => t.Name)).toEqual(['psy_estimate']);
    expect(TableList?.[0]?.Parameters?.objectCount).toBe('1001');
    expect(columnsOf(TableList?.[0])).toEqual([
      ['id', 'bigint'],
      ['score', 'double'],
    ]);
  }, 120_000);

  it('turns key=value folders into partitions, inheriting the table columns when configured', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      'at_question/year=2024/month=12/a.csv': 'id,text\n1,q1\n2,q2\n',
      'at_question/year=2025/month=01/b.csv': 'id,text,extra\n3,q3,x\n',
      'at_question/year=2025/month=01/_SUCCESS': new Uint8Array(0),
    });

    // Act
    await crawlOnce(stack.client, {
      Name: 'crawler_at_question',
      paths: ['s3://data/at_question/'],
      // Partitions of different headers make one table only under CombineCompatibleSchemas.
      Configuration:
        '{"Version":1.0,"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas"},"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}',
    });
    const table = await getTable('at_question');
    const { Partitions } = await stack.client.send(
      new GetPartitionsCommand({ DatabaseName: 'schoolfriends', TableName: 'at_question' }),
    );

    // Assess
    expect(table?.PartitionKeys).toEqual([
      { Name: 'year', Type: 'string' },
      { Name: 'month', Type: 'string' },
    ]);
    expect(columnsOf(table)).toEqual([
      ['id', 'bigint'],
      ['text', 'string'],
      ['extra', 'string'],
    ]);
    expect(Partitions?.map((p) => [p.Values, p.StorageDescriptor?.Location])).toEqual([
      [['2024', '12'], 's3://data/at_question/year=2024/month=12/'],
      [['2025', '01'], 's3://data/at_question/year=2025/month=01/'],
    ]);
    expect(Partitions?.map((p) => p.StorageDescriptor?.Columns?.length)).toEqual([3, 3]);
  });

  it('honours exclude patterns relative to the include path', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      'school_class/c.csv': 'id,name\n1,a\n2,b\n',
      'school_class/old/broken.csv': 'id,"name\n',
      'school_class/notes.txt': 'not,"csv\n',
    });

    // Act
    const crawler = await crawlOnce(stack.client, {
      Name: 'crawler_school_class',
      paths: ['s3://data/school_class/'],
      exclusions: ['old/**', '*.txt'],
    });
    const table = await getTable('school_class');

    // Assess
    expect(crawler.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(table?.Parameters?.objectCount).toBe('1');
    expect(table?.PartitionKeys).toEqual([]);
  });

  it('fails a crawl that meets an unparsable file, naming the object', async () => {
    // Prepare
    await putObjects(stack.s3, 'data', {
      'at_low_scale/good.csv': 'id,name\n1,a\n2,b\n',
      'at_low_scale/bad.csv': 'id,name\n1,"never closed\n2,b\n',
      'at_question_extra/latin1.csv': new Uint8Array([
        0x69, 0x64, 0x2c, 0x6e, 0x0a, 0x31, 0x2c, 0xe9, 0x0a,
      ]),
    });

    // Act
    const unterminated = await crawlOnce(stack.client, {
      Name: 'crawler_at_low_scale',
      paths: ['s3://data/at_low_scale/'],
    });
    const undecodable = await crawlOnce(stack.client, {
      Name: 'crawler_at_question_extra',
      paths: ['s3://data/at_question_extra/'],
    });
    const { TableList } = await stack.client.send(
      new GetTablesCommand({
        DatabaseName: 'schoolfriends',
        Expression: 'at_low_scale|at_question_extra',
      }),
    );

    // Assess
    expect(unterminated.LastCrawl?.Status).toBe('FAILED');
    expect(unterminated.LastCrawl?.ErrorMessage).toContain('s3://data/at_low_scale/bad.csv');
    expect(undecodable.LastCrawl?.Status).toBe('FAILED');
    expect(undecodable.LastCrawl?.ErrorMessage).toContain('latin1.csv');
    expect(TableList).toEqual([]);
  });

  it('succeeds without creating anything when the include path holds no objects', async () => {
    // Act
    const crawler = await crawlOnce(stack.client, {
      Name: 'crawler_nothing',
      paths: ['s3://data/school_student/'],
    });
    const { TableList } = await stack.client.send(
      new GetTablesCommand({ DatabaseName: 'schoolfriends', Expression: 'school_student' }),
    );

    // Assess
    expect(crawler.LastCrawl?.Status).toBe('SUCCEEDED');
    expect(TableList).toEqual([]);
  });
});
