import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { S3ObjectCreatedNotificationEvent } from 'aws-lambda';
import 'aws-sdk-client-mock-vitest/extend';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFileUploadHandler } from '../../functions/file-upload/handler.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import { createLogger } from '../../shared/logging/logger.js';
import type { WorkflowInput } from '../../shared/workflow/workflow-input.js';
import { listKeys, readObject } from '../support/bucket-contents.js';
import { csvText } from '../support/csv-text.js';
import { dropFile } from '../support/drop-file.js';
import { lambdaContext } from '../support/lambda-context.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import { TEACHER_COLUMNS } from '../support/school-teacher.js';
import { mockStepFunctions } from '../support/sfn-mock.js';

/**
 * What EventBridge delivers for an object S3 created (the "Object Created" example of
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html): the key as written,
 * not URL-encoded, and the ETag unquoted.
 */
function objectCreatedEvent(
  bucket: string,
  object: { key: string; size: number; etag: string },
  detailType = 'Object Created',
): S3ObjectCreatedNotificationEvent {
  return {
    version: '0',
    id: '17793124-05d4-b198-2fde-7ededc63b103',
    'detail-type': detailType as 'Object Created',
    source: 'aws.s3',
    account: '111122223333',
    time: '2025-09-01T00:00:00Z',
    region: 'ap-northeast-2',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: {
      version: '0',
      bucket: { name: bucket },
      // version-id: the bucket is not versioned; S3 sends it as null then.
      object: { ...object, 'version-id': '', sequencer: '617f08299329d189' },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '111122223333',
      'source-ip-address': '1.2.3.4',
      reason: 'PutObject',
    },
  };
}

const TEACHER = csvText(TEACHER_COLUMNS, [
  ['S001', 'M01', 'Y', 'homeroom', 'A1', '2025-08-29', 'A1', '2025-08-29'],
]);

describe('file-upload handler on a real S3 server', () => {
  let s3: TestS3;
  let sfn: ReturnType<typeof mockStepFunctions>;
  let bucket: string;
  let handler: ReturnType<typeof createFileUploadHandler>;
  let bucketCount = 0;

  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterAll(async () => s3?.stop());

  beforeEach(async () => {
    // Prepare: a fresh bucket and handler per test
    bucket = `drop-${++bucketCount}`;
    const { CreateBucketCommand } = await import('@aws-sdk/client-s3');
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    sfn = mockStepFunctions();
    handler = createFileUploadHandler(async () => ({
      s3: s3.client,
      config: defaultConfig(),
      workflow: sfn.starter,
      logger: createLogger({ logLevel: 'SILENT' }),
    }));
  });

  /** Uploads as a user would; returns what EventBridge would announce for it. */
  const putForEventBridge = async (key: string, body: string) => {
    await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return objectCreatedEvent(bucket, {
      key,
      size: head.ContentLength ?? 0,
      etag: (head.ETag ?? '').replace(/"/g, ''),
    });
  };

  const startedInputs = () =>
    sfn.mock
      .commandCalls(StartExecutionCommand)
      .map((c) => JSON.parse(c.args[0].input.input ?? '{}') as WorkflowInput);

  it('files a drop of 28 files like the team bucket into one prefix per table', async () => {
    // Prepare
    const tables = [
      'AT_BASIC_INQUIRY_VAL',
      'AT_FORMULA_CODE',
      'AT_LOW_SCALE',
      'AT_QUESTION',
      'AT_QUESTION_CHOICE',
      'AT_QUESTION_EXTRA',
      'AT_SCALE_CODE',
      'AT_SUB_PSY_ITEM',
      'AT_USER_FORMULA_SCORE',
      'AT_USER_SCALE_SCORE',
      'AT_USER_TESTING_PAPER',
      'AT_USER_TESTING_PAPER_PN',
      'AT_USER_TESTING_PAPER_SCT',
      'AT_USER_TESTING_PAPER_TR',
      'MEMBER',
      'PSY_CLASS',
      'PSY_ESTIMATE',
      'PSY_ORD',
      'PSY_ORD_CLASS',
      'PSY_TARGET',
      'PSY_TARGET_DETAIL',
      'SCHOOL_CLASS',
      'SCHOOL_INFO',
      'SCHOOL_STUDENT',
      'SCHOOL_TEACHER',
    ];
    const keys = [
      ...tables.map((t) => `${t}_202508291511.csv`),
      'school_class_202508301000.csv',
      'psy_estimate.csv',
      'member-2025-09-01.csv',
    ];
    const events = [];
    for (const key of keys) events.push(await dropFile(s3, bucket, key, 'id,name\n1,a\n'));

    // Act
    for (const event of events) await handler(event, lambdaContext);

    // Assess
    const all = await listKeys(s3, bucket);
    expect(all.filter((k) => !k.includes('/'))).toEqual([]);
    expect(all).toContain('psy_ord_class/PSY_ORD_CLASS_202508291511.csv');
    expect(all).toContain('psy_target_detail/PSY_TARGET_DETAIL_202508291511.csv');
    expect(all).toContain('at_user_testing_paper_pn/AT_USER_TESTING_PAPER_PN_202508291511.csv');
    expect(all).toContain('school_class/school_class_202508301000.csv');
    expect(all).toContain('_archive/school_class/SCHOOL_CLASS_202508291511.csv');
    expect(all).toContain('member/member-2025-09-01.csv');
    expect(all).toContain('_archive/member/MEMBER_202508291511.csv');
    expect(all).toContain('psy_estimate/psy_estimate.csv');
    expect(new Set(all.filter((k) => !k.startsWith('_')).map((k) => k.split('/')[0])).size).toBe(
      25,
    );
    expect(all).toHaveLength(28);
    expect(sfn.mock).toHaveReceivedCommandTimes(StartExecutionCommand, 28);
  });

  it('decodes keys with spaces and Korean as S3 encodes them in the event', async () => {
    // Prepare
    const key = 'school info 학교-2025-09-01.csv';
    const event = await dropFile(s3, bucket, key, TEACHER);
    expect(event.Records[0]?.s3.object.key).toContain('+');

    // Act
    const result = await handler(event, lambdaContext);

    // Assess
    expect(result.outcomes[0]).toMatchObject({
      status: 'filed',
      table: 'school_info_학교',
      snapshot: '20250901',
    });
    expect(await listKeys(s3, bucket)).toEqual([`school_info_학교/${key}`]);
    expect(startedInputs()[0]).toMatchObject({ sourceKey: key, key: `school_info_학교/${key}` });
  });

  it('starts one execution with the filed file and how to read it', async () => {
    // Prepare
    const event = await dropFile(s3, bucket, 'SCHOOL_TEACHER_202508291512.csv', TEACHER);

    // Act
    await handler(event, lambdaContext);

    // Assess
    expect(sfn.mock).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: expect.stringContaining(':stateMachine:csv-catalog'),
      name: expect.stringMatching(/^school_teacher-202508291512-[0-9a-f]{10}$/),
    });
    expect(startedInputs()[0]).toMatchObject({
      bucket,
      key: 'school_teacher/SCHOOL_TEACHER_202508291512.csv',
      sourceKey: 'SCHOOL_TEACHER_202508291512.csv',
      table: 'school_teacher',
      snapshot: '202508291512',
      encoding: 'utf-8',
      delimiter: ',',
      quote: '"',
      // The header itself stays in the file: the input stays small however wide the table.
      columns: TEACHER_COLUMNS.length,
      size: Buffer.byteLength(TEACHER),
      superseded: false,
    });
  });

  it('treats the same event delivered twice as one filing and one execution', async () => {
    // Prepare
    const event = await dropFile(s3, bucket, 'PSY_ORD_202508291511.csv', 'a,b\n1,2\n');

    // Act
    const first = await handler(event, lambdaContext);
    const second = await handler(event, lambdaContext);

    // Assess
    expect(first.outcomes[0]).toMatchObject({ status: 'filed', alreadyFiled: false });
    expect(second.outcomes[0]).toMatchObject({
      status: 'filed',
      alreadyFiled: true,
      key: 'psy_ord/PSY_ORD_202508291511.csv',
      execution: { alreadyStarted: true },
    });
    expect(await listKeys(s3, bucket)).toEqual(['psy_ord/PSY_ORD_202508291511.csv']);
    expect(sfn.started.size).toBe(1);
  });

  it('transcodes a CP949 file to UTF-8 and keeps the original bytes under _raw/', async () => {
    // Prepare
    const text = csvText(
      ['member_no', '이름', '학교'],
      [
        ['1', '김민준', '서울초등학교'],
        ['2', '이서연', '부산중학교'],
      ],
    );
    const original = iconv.encode(text, 'cp949');
    const event = await dropFile(s3, bucket, 'MEMBER_20250829.csv', original);

    // Act
    const result = await handler(event, lambdaContext);

    // Assess
    expect(result.outcomes[0]).toMatchObject({
      status: 'filed',
      transcoded: true,
      encoding: 'cp949',
    });
    expect((await readObject(s3, bucket, 'member/MEMBER_20250829.csv')).toString('utf8')).toBe(
      text,
    );
    expect(await readObject(s3, bucket, '_raw/member/MEMBER_20250829.csv')).toEqual(original);
    expect(startedInputs()[0]).toMatchObject({
      encoding: 'cp949',
      columns: 3,
      size: Buffer.byteLength(text),
    });
  });

  it('strips a UTF-8 byte-order mark and keeps the original', async () => {
    // Prepare
    const text = 'code,name\n1,가\n';
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const event = await dropFile(s3, bucket, 'AT_SCALE_CODE_20250829.csv', original);

    // Act
    await handler(event, lambdaContext);

    // Assess
    expect(
      (await readObject(s3, bucket, 'at_scale_code/AT_SCALE_CODE_20250829.csv')).toString(),
    ).toBe(text);
    expect(await readObject(s3, bucket, '_raw/at_scale_code/AT_SCALE_CODE_20250829.csv')).toEqual(
      original,
    );
    expect(startedInputs()[0]).toMatchObject({
      encoding: 'utf-8-bom',
      columns: 2,
    });
  });

  it.each([
    ['older first', ['PSY_CLASS_202508291511.csv', 'PSY_CLASS_202509011200.csv']],
    ['newer first', ['PSY_CLASS_202509011200.csv', 'PSY_CLASS_202508291511.csv']],
  ])('keeps only the newest of two snapshots in place (%s)', async (_order, keys) => {
    // Prepare
    const events = [];
    for (const key of keys) events.push(await dropFile(s3, bucket, key, 'a,b\n1,2\n'));

    // Act
    const results = [];
    for (const event of events) results.push(await handler(event, lambdaContext));

    // Assess
    expect(await listKeys(s3, bucket)).toEqual([
      '_archive/psy_class/PSY_CLASS_202508291511.csv',
      'psy_class/PSY_CLASS_202509011200.csv',
    ]);
    // Arriving second, the older one goes straight to the archive and says so; arriving
    // first, it is filed in place and the newer one's filing archives it.
    const older = results.find((r) => r.outcomes[0]?.sourceKey === 'PSY_CLASS_202508291511.csv');
    const olderArrivedSecond = keys[1] === 'PSY_CLASS_202508291511.csv';
    expect(older?.outcomes[0]).toMatchObject({ superseded: olderArrivedSecond });
    const newer = results.find((r) => r.outcomes[0]?.sourceKey === 'PSY_CLASS_202509011200.csv');
    expect(newer?.outcomes[0]).toMatchObject({
      superseded: false,
      archived: olderArrivedSecond ? [] : ['_archive/psy_class/PSY_CLASS_202508291511.csv'],
    });
  });

  it.each([
    ['a zero-byte object', 'EMPTY_20250829.csv', '', 'zero-byte object'],
    ['a file that is not a CSV', 'notes.txt', 'hello', 'not a .csv file'],
    [
      'a key already under a prefix',
      'psy_ord/PSY_ORD_20250829.csv',
      'a\n1\n',
      'not at the bucket root',
    ],
  ])('skips %s and says why', async (_what, key, body, reason) => {
    // Prepare
    const event = await dropFile(s3, bucket, key, body);

    // Act
    const result = await handler(event, lambdaContext);

    // Assess
    expect(result.outcomes[0]).toEqual({ status: 'skipped', sourceKey: key, reason });
    expect(await listKeys(s3, bucket)).toEqual([key]);
    expect(sfn.started.size).toBe(0);
  });

  it('fails, naming the file, for a name that gives no table, and keeps the file', async () => {
    // Prepare
    const event = await dropFile(s3, bucket, '★★_20250829.csv', 'a\n1\n');

    // Act
    const act = handler(event, lambdaContext);

    // Assess
    await expect(act).rejects.toThrow(/★★_20250829\.csv: .*no table name/);
    await expect(act).rejects.toMatchObject({ name: 'FilingFailed' });
    expect(await listKeys(s3, bucket)).toEqual(['★★_20250829.csv']);
  });

  it('refuses a file whose table would land in an excluded prefix', async () => {
    // Prepare
    const event = await dropFile(s3, bucket, 'RESULT_20250829.csv', 'a\n1\n');

    // Act
    const act = handler(event, lambdaContext);

    // Assess
    await expect(act).rejects.toThrow(
      /RESULT_20250829\.csv: .*"result" is a reserved or excluded prefix/,
    );
    expect(await listKeys(s3, bucket)).toEqual(['RESULT_20250829.csv']);
  });
  it.each([
    ['spaces, a plus and Korean, .Csv', 'school info+학교 2025-09-01.Csv', 'school_info_학교'],
    ['an upper-case .CSV and a Korean table name', '학생_명단_20250901.CSV', '학생_명단'],
  ])('files an EventBridge "Object Created" key as written (%s)', async (_what, key, table) => {
    // Prepare
    const event = await putForEventBridge(key, TEACHER);

    // Act
    const result = await handler(event, lambdaContext);

    // Assess: `+` stays a plus, a space stays a space (EventBridge keys are not URL-encoded)
    expect(result.outcomes).toEqual([
      expect.objectContaining({ status: 'filed', sourceKey: key, table }),
    ]);
    expect(await listKeys(s3, bucket)).toEqual([`${table}/${key}`]);
    expect(startedInputs()[0]).toMatchObject({ bucket, sourceKey: key, key: `${table}/${key}` });
  });

  it('files one object once whichever shape announced it, S3 notification or EventBridge', async () => {
    // Prepare
    const key = '학교_정보_202509011200.csv';
    const notification = await dropFile(s3, bucket, key, TEACHER);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const bridged = objectCreatedEvent(bucket, {
      key,
      size: head.ContentLength ?? 0,
      etag: (head.ETag ?? '').replace(/"/g, ''),
    });

    // Act
    const first = await handler(bridged, lambdaContext);
    const second = await handler(notification, lambdaContext);

    // Assess
    expect(first.outcomes[0]).toMatchObject({ status: 'filed', alreadyFiled: false });
    expect(second.outcomes[0]).toMatchObject({ status: 'filed', alreadyFiled: true });
    expect(await listKeys(s3, bucket)).toEqual([`학교_정보/${key}`]);
    expect(sfn.started.size).toBe(1);
  });

  it('skips its own copies under a prefix when EventBridge announces them', async () => {
    // Prepare: the rule matches every key ending in .csv; only the root is a drop
    const event = await putForEventBridge('psy_ord/PSY_ORD_20250829.csv', 'a\n1\n');

    // Act
    const result = await handler(event, lambdaContext);

    // Assess
    expect(result.outcomes).toEqual([
      {
        status: 'skipped',
        sourceKey: 'psy_ord/PSY_ORD_20250829.csv',
        reason: 'not at the bucket root',
      },
    ]);
    expect(sfn.started.size).toBe(0);
  });

  it('files nothing for the s3:TestEvent S3 sends when a notification is configured', async () => {
    // Prepare
    const testEvent = {
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: '2025-09-01T00:00:00.000Z',
      Bucket: bucket,
      RequestId: 'N4N7GDK58NMKJ12R',
      HostId: 'x',
    };

    // Act
    const result = await handler(
      testEvent as unknown as S3ObjectCreatedNotificationEvent,
      lambdaContext,
    );

    // Assess
    expect(result).toEqual({ filed: 0, skipped: 0, outcomes: [] });
  });

  it('files nothing for an EventBridge event other than Object Created', async () => {
    // Prepare
    const created = await putForEventBridge('MEMBER_20250829.csv', 'a\n1\n');
    const deleted = objectCreatedEvent(bucket, created.detail.object, 'Object Deleted');

    // Act
    const result = await handler(deleted, lambdaContext);

    // Assess
    expect(result).toEqual({ filed: 0, skipped: 0, outcomes: [] });
    expect(await listKeys(s3, bucket)).toEqual(['MEMBER_20250829.csv']);
  });

  it.each([
    [
      'an EventBridge event without the object key',
      (e: S3ObjectCreatedNotificationEvent) => ({
        ...e,
        detail: { ...e.detail, object: { size: 1 } },
      }),
      /invalid event: matches no accepted shape: .*detail\.object\.key: /,
    ],
    [
      'an S3 notification record that does not say it comes from aws:s3 (its key would stay encoded)',
      () => ({
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            s3: { bucket: { name: 'drop' }, object: { key: 'school+info.csv', size: 1 } },
          },
        ],
      }),
      /Records\.0\.eventSource: /,
    ],
  ])('refuses %s, naming the field', async (_what, change, message) => {
    // Prepare
    const valid = objectCreatedEvent(bucket, { key: 'A_20250829.csv', size: 1, etag: 'x' });
    const event = change(valid) as unknown as S3ObjectCreatedNotificationEvent;

    // Act
    const act = handler(event, lambdaContext);

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'InvalidEvent' });
    await expect(act).rejects.toThrow(message);
  });
});
