import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterS3Requests, type S3RequestMeter } from '../../local/s3/s3-request-meter.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { defaultConfig } from '../../shared/config/load-config.js';
import { backfillBucket } from '../../shared/filing/backfill-bucket.js';
import { fileCsvObject } from '../../shared/filing/file-csv-object.js';
import type { FiledOutcome, FilingOutcome } from '../../shared/filing/filing-outcome.js';
import { listKeys, readObject } from '../support/bucket-contents.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

const config = defaultConfig();

/** Three spellings of 2025-03-01 00:00 (they tie) and two older snapshots, Korean table. */
const SCHOOLS_OLDER = ['학교목록_20250101.csv', '학교목록_202502151230.csv'];
const SCHOOLS_TIED = ['학교목록_20250301.csv', '학교목록_2025-03-01.csv'];
/** Uploaded last of the tied ones, in a later second: it wins the tie (LastModified). */
const SCHOOLS_WINNER = '학교목록_202503010000.csv';
/** Filed before the backfill: older than everything at the root. */
const SCHOOLS_IN_PLACE = '학교목록_20241231.csv';
/** In place before the backfill and newer than every root snapshot of its table. */
const PSY_IN_PLACE = 'PSY_ORD_CLASS_202601010000.csv';
const PSY_ROOT = ['PSY_ORD_CLASS_202508291511.csv', 'PSY_ORD_CLASS_20250830.csv'];
/** CP949 dumps: transcoded, the older one straight into the archive. */
const MEMBERS = ['회원_20250801.csv', '회원_20250901.csv'];

const body = (name: string) => `학번,이름,비고\n1,김민준,${name}\n2,이서연,"서울, 마포"\n`;

describe('backfill files snapshots by table', () => {
  let s3: TestS3;
  let client: S3Client;
  let meter: S3RequestMeter;
  let n = 0;
  beforeAll(async () => {
    s3 = await startTestS3([]);
    client = createS3Client({ endpoint: s3.endpoint });
    meter = meterS3Requests(client);
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  const newBucket = async () => {
    const bucket = `by-table-${++n}`;
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    const put = (key: string, bytes: string | Buffer) =>
      s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
    return { bucket, put, store: new S3ObjectStore(client, bucket) };
  };

  it('puts the newest in place, sends the rest straight to _archive/, loses nothing, and copies each file once', async () => {
    // Prepare: a snapshot of each of two tables already in place, then the root
    const { bucket, put, store } = await newBucket();
    await put(SCHOOLS_IN_PLACE, body(SCHOOLS_IN_PLACE));
    await put(PSY_IN_PLACE, body(PSY_IN_PLACE));
    await fileCsvObject({ key: SCHOOLS_IN_PLACE }, { store, config });
    await fileCsvObject({ key: PSY_IN_PLACE }, { store, config });
    for (const name of [...SCHOOLS_OLDER, ...SCHOOLS_TIED, ...PSY_ROOT])
      await put(name, body(name));
    for (const name of MEMBERS) await put(name, iconv.encode(body(name), 'cp949'));
    await put('notes.txt', 'not a table');
    // S3 lists LastModified in whole seconds: the winner of the tie lands in a later second
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await put(SCHOOLS_WINNER, body(SCHOOLS_WINNER));
    meter.reset();

    // Act
    const outcomes = await backfillBucket({ store, config, concurrency: 8 });

    // Assess: where each file is
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    const filed = outcomes.filter((o): o is FiledOutcome => o.status === 'filed');
    expect(filed).toHaveLength(9);
    expect(await listKeys(s3, bucket, '학교목록/')).toEqual([`학교목록/${SCHOOLS_WINNER}`]);
    expect(await listKeys(s3, bucket, '_archive/학교목록/')).toEqual(
      [SCHOOLS_IN_PLACE, ...SCHOOLS_OLDER, ...SCHOOLS_TIED]
        .map((f) => `_archive/학교목록/${f}`)
        .sort(),
    );
    expect(await listKeys(s3, bucket, 'psy_ord_class/')).toEqual([`psy_ord_class/${PSY_IN_PLACE}`]);
    expect(await listKeys(s3, bucket, '_archive/psy_ord_class/')).toEqual(
      PSY_ROOT.map((f) => `_archive/psy_ord_class/${f}`).sort(),
    );
    expect(await listKeys(s3, bucket, '회원/')).toEqual([`회원/${MEMBERS[1]}`]);
    expect(await listKeys(s3, bucket, '_archive/회원/')).toEqual([`_archive/회원/${MEMBERS[0]}`]);
    expect(await listKeys(s3, bucket, '_raw/회원/')).toEqual(MEMBERS.map((f) => `_raw/회원/${f}`));
    const root = (await listKeys(s3, bucket)).filter((k) => !k.includes('/'));
    expect(root).toEqual(['notes.txt']);

    // Assess: nothing lost, bytes intact, transcoded ones in UTF-8
    for (const name of [...SCHOOLS_OLDER, ...SCHOOLS_TIED]) {
      expect((await readObject(s3, bucket, `_archive/학교목록/${name}`)).toString()).toBe(
        body(name),
      );
    }
    expect((await readObject(s3, bucket, `_archive/회원/${MEMBERS[0]}`)).toString()).toBe(
      body(MEMBERS[0] ?? ''),
    );

    // Assess: every superseded file recorded as such, the winner not
    expect(outcomeOf(filed, SCHOOLS_WINNER)).toMatchObject({
      key: `학교목록/${SCHOOLS_WINNER}`,
      superseded: false,
      archived: [`_archive/학교목록/${SCHOOLS_IN_PLACE}`],
    });
    for (const name of [...SCHOOLS_OLDER, ...SCHOOLS_TIED, ...PSY_ROOT, MEMBERS[0] ?? '']) {
      expect(outcomeOf(filed, name)).toMatchObject({ superseded: true, alreadyFiled: false });
      expect(outcomeOf(filed, name).key).toMatch(/^_archive\//);
    }
    expect(outcomeOf(filed, MEMBERS[0] ?? '')).toMatchObject({
      transcoded: true,
      encoding: 'cp949',
    });

    // Assess: requests. 9 CSVs in 3 tables: one write each (a copy, or the upload of the
    // transcoded text), plus the 2 originals kept under _raw/ and the 1 file in place archived;
    // one delete each (plus that one), concurrent ones together in DeleteObjects batches
    // (batched-deletes.ts), so at most that many delete requests; at most one HEAD each; per
    // table at most 3 listings (prefix and archive before, prefix after) and one of the root.
    const counts = meter.counts();
    expect((counts.CopyObject ?? 0) + (counts.PutObject ?? 0)).toBe(9 + 2 + 1);
    expect(counts.DeleteObjects ?? 0).toBeGreaterThan(0);
    expect((counts.DeleteObject ?? 0) + (counts.DeleteObjects ?? 0)).toBeLessThanOrEqual(9 + 1);
    expect(counts.HeadObject ?? 0).toBeLessThanOrEqual(9);
    expect(counts.ListObjectsV2).toBeLessThanOrEqual(1 + 3 * 3);
  });

  it('leaves every snapshot in place under snapshots: append, a duplicate delivery too', async () => {
    // Prepare
    const { bucket, put, store } = await newBucket();
    const append = defaultConfig({ snapshots: 'append' });
    const names = ['학교목록_20250101.csv', '학교목록_20250301.csv', '학교목록_2025-03-01.csv'];
    const uploads = await Promise.all(names.map((name) => put(name, body(name))));

    // Act
    const outcomes = await backfillBucket({ store, config: append, concurrency: 4 });
    const duplicate = await fileCsvObject(
      {
        key: names[0] ?? '',
        size: Buffer.byteLength(body(names[0] ?? '')),
        eTag: uploads[0]?.ETag,
      },
      { store, config: append },
    );

    // Assess
    expect(outcomes.map((o) => o.status)).toEqual(['filed', 'filed', 'filed']);
    expect(duplicate).toMatchObject({ status: 'filed', alreadyFiled: true, archived: [] });
    expect(await listKeys(s3, bucket)).toEqual(names.map((name) => `학교목록/${name}`).sort());
  });

  it('files a drop announced with its size and ETag with no HEAD and one listing before and after', async () => {
    // Prepare
    const { bucket, put, store } = await newBucket();
    const name = '학교목록_20250901.csv';
    const uploaded = await put(name, body(name));
    meter.reset();

    // Act
    const outcome = await fileCsvObject(
      { key: name, size: Buffer.byteLength(body(name)), eTag: uploaded.ETag },
      { store, config },
    );

    // Assess
    expect(outcome).toMatchObject({ status: 'filed', key: `학교목록/${name}`, superseded: false });
    expect(await listKeys(s3, bucket)).toEqual([`학교목록/${name}`]);
    expect(meter.counts()).toEqual({
      GetObject: 1,
      ListObjectsV2: 2,
      CopyObject: 1,
      DeleteObject: 1,
    });
  });

  it('files what is there now when the announced object was re-uploaded since', async () => {
    // Prepare: the event announces the first upload; a second one replaced it meanwhile
    const { bucket, put, store } = await newBucket();
    const name = '학교목록_20250901.csv';
    const first = await put(name, body('first'));
    await put(name, body('second upload'));

    // Act
    const outcome = await fileCsvObject(
      { key: name, size: Buffer.byteLength(body('first')), eTag: first.ETag },
      { store, config },
    );

    // Assess
    expect(outcome).toMatchObject({ status: 'filed', key: `학교목록/${name}` });
    expect((await readObject(s3, bucket, `학교목록/${name}`)).toString()).toBe(
      body('second upload'),
    );
    expect(await listKeys(s3, bucket)).toEqual([`학교목록/${name}`]);
  });
});

function outcomeOf(outcomes: FilingOutcome[], sourceKey: string): FiledOutcome {
  const found = outcomes.find((o) => o.sourceKey === sourceKey);
  if (found?.status !== 'filed') throw new Error(`${sourceKey} was not filed: ${found?.status}`);
  return found;
}
