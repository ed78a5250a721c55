import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilingSummary } from '../../cli/filing-summary.js';
import { listKeys } from '../support/bucket-contents.js';
import { startTestS3, type TestS3 } from '../support/local-s3.js';
import { runCliInProcess } from '../support/run-cli.js';

/** `2025-01-01 00:00` plus n minutes, as a 12-digit snapshot. */
function snapshotAt(n: number): string {
  const d = new Date(Date.UTC(2025, 0, 1) + n * 60_000);
  return d.toISOString().slice(0, 16).replace(/\D/g, '');
}

describe('csv-catalog backfill', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3([]);
  });
  afterAll(async () => s3?.stop());

  it('files 2,500 root keys across pages, keeping only the newest of 300 concurrent snapshots', async () => {
    // Prepare: 300 snapshots of one table, 2,150 one-file tables, 50 non-CSVs
    const bucket = 'backfill';
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    const snapshots = Array.from(
      { length: 300 },
      (_, i) => `PSY_ORD_CLASS_${snapshotAt(i * 37)}.csv`,
    );
    const singles = Array.from(
      { length: Number(process.env.BF_SINGLES ?? 2150) },
      (_, i) => `SCHOOL_${i}.csv`,
    );
    const others = Array.from({ length: 50 }, (_, i) => `notes_${i}.txt`);
    const limit = pLimit(32);
    // Shuffled upload order, so the filing order is not the snapshot order.
    const all = [...snapshots, ...singles, ...others].sort((a, b) => hash(a) - hash(b));
    await Promise.all(
      all.map((key) =>
        limit(() =>
          s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'id,v\n1,x\n' })),
        ),
      ),
    );

    // Act
    const result = await runCliInProcess([
      'backfill',
      '--bucket',
      bucket,
      '--endpoint',
      s3.endpoint,
      '--no-workflow',
      '--json',
      '--concurrency',
      '32',
    ]);

    // Assess
    const summary = JSON.parse(result.stdout) as FilingSummary;
    expect(summary.failed).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(summary.filed).toHaveLength(2450);
    expect(summary.skipped).toHaveLength(50);
    expect(summary.failed).toEqual([]);
    const keys = await listKeys(s3, bucket);
    const newest = snapshots.at(-1);
    expect(keys.filter((k) => k.startsWith('psy_ord_class/'))).toEqual([`psy_ord_class/${newest}`]);
    const archived = keys.filter((k) => k.startsWith('_archive/psy_ord_class/'));
    expect(archived).toHaveLength(299);
    expect(new Set(archived.map((k) => k.split('/').at(-1)))).toEqual(
      new Set(snapshots.slice(0, -1)),
    );
    expect(keys.filter((k) => k.startsWith('school_'))).toHaveLength(2150);
    expect(keys.filter((k) => !k.includes('/')).sort()).toEqual([...others].sort());
    expect(keys).toHaveLength(2500);
  }, 300_000);

  it('exits non-zero and names the file when one cannot be filed', async () => {
    // Prepare
    const bucket = 'backfill-bad';
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'GOOD_20250101.csv', Body: 'a,b\n1,2\n' }),
    );
    await s3.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: '★★.csv', Body: 'a,b\n1,2\n' }),
    );

    // Act
    const result = await runCliInProcess([
      'backfill',
      '--bucket',
      bucket,
      '--endpoint',
      s3.endpoint,
    ]);

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /Filed \(1\)[\s\S]*GOOD_20250101\.csv\s+good\s+good\/GOOD_20250101\.csv/,
    );
    expect(result.stdout).toMatch(
      /Failed \(1\)[\s\S]*★★\.csv\s+★★\.csv: the file name gives no table name/,
    );
    expect(result.stderr).toContain('no state machine configured');
  });
});

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
