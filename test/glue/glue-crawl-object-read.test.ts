import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlueCrawler } from '../../local/glue/catalog-model.js';
import { CrawlFailure } from '../../local/glue/crawler/crawl-errors.js';
import { planCrawl } from '../../local/glue/crawler/crawl-plan.js';
import { readObjectHead } from '../../local/glue/crawler/s3-inventory.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';

const BUCKET = 'crawl-read';
const OLDER = 'member/MEMBER_202508291512.csv';
const NEWER = 'member/MEMBER_202508301200.csv';
const CSV = 'member_no,point\nM001,10\nM002,20\n';

/** Wraps a client so that something happens to an object just before the crawler reads it. */
function beforeReading(client: S3Client, key: string, act: () => Promise<void>): S3Client {
  const send = async (command: unknown, options?: unknown) => {
    if (command instanceof GetObjectCommand && command.input.Key === key) await act();
    return (client.send as (c: unknown, o?: unknown) => Promise<unknown>)(command, options);
  };
  return { send } as unknown as S3Client;
}

function crawlerOf(path: string): GlueCrawler {
  return {
    Name: 'crawler_member',
    Role: 'role',
    Targets: { S3Targets: [{ Path: path }] },
    Classifiers: [],
    RecrawlPolicy: { RecrawlBehavior: 'CRAWL_EVERYTHING' },
    SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
    LineageConfiguration: { CrawlerLineageSettings: 'DISABLE' },
    State: 'RUNNING',
    CrawlElapsedTime: 0,
    CreationTime: 0,
    LastUpdated: 0,
    Version: 1,
    LakeFormationConfiguration: { UseLakeFormationCredentials: false, AccountId: '' },
  };
}

describe('local Glue crawler: an object that changes between listing and reading', () => {
  let s3: TestS3;
  const put = (key: string) =>
    s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: CSV }));

  beforeAll(async () => {
    s3 = await startTestS3([BUCKET]);
  });
  afterAll(async () => s3?.stop());

  it('reads nothing, without failing, for an object deleted since the listing', async () => {
    // Prepare
    const entry = { bucket: BUCKET, key: 'gone/x.csv', relativeKey: 'x.csv', size: 10 };

    // Act
    const head = await readObjectHead(s3.client, entry, new AbortController().signal);

    // Assess
    expect(head).toBeUndefined();
  });

  it('skips an object archived by a concurrent filing between listing and reading, and logs it', async () => {
    // Prepare: the older snapshot is deleted just before the crawler reads it
    await put(OLDER);
    await put(NEWER);
    const client = beforeReading(s3.client, OLDER, async () => {
      await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: OLDER }));
    });
    const log: string[] = [];

    // Act
    const drafts = await planCrawl({
      crawler: crawlerOf(`s3://${BUCKET}/member/`),
      classifiers: [],
      s3: client,
      signal: new AbortController().signal,
      log: (message) => log.push(message),
    });

    // Assess
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.layout.objects.map((o) => o.key)).toEqual([NEWER]);
    expect(drafts[0]?.statistics.objectCount).toBe(1);
    expect(drafts[0]?.schema.columns.map((c) => c.name)).toEqual(['member_no', 'point']);
    expect(log).toContain(
      `s3://${BUCKET}/${OLDER} was deleted after it was listed (NoSuchKey): skipped.`,
    );
  });

  it('fails naming the object when it cannot be read for another reason', async () => {
    // Prepare
    await put(NEWER);
    const denied = Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    const client = beforeReading(s3.client, NEWER, async () => {
      throw denied;
    });

    // Act
    const crawl = planCrawl({
      crawler: crawlerOf(`s3://${BUCKET}/member/`),
      classifiers: [],
      s3: client,
      signal: new AbortController().signal,
      log: () => {},
    });

    // Assess
    await expect(crawl).rejects.toThrow(CrawlFailure);
    await expect(crawl).rejects.toThrow(
      `Internal Service Exception: cannot read s3://${BUCKET}/${NEWER}: Access Denied`,
    );
  });
});
