/**
 * Timings, kept out of the tests: `npm run bench`. Each line is one measurement on this
 * machine; compare runs on the same machine only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import pLimit from 'p-limit';
import { startLocalS3 } from '../local/s3/local-s3-server.js';
import { createS3Client } from '../shared/aws/s3-client.js';
import { S3ObjectStore } from '../shared/aws/s3-object-store.js';
import { defaultConfig } from '../shared/config/load-config.js';
import { sniffCsvHead } from '../shared/csv/sniff-csv-head.js';
import { utf8TranscodeStream } from '../shared/csv/utf8-transcode-stream.js';
import { backfillBucket } from '../shared/filing/backfill-bucket.js';

async function time<T>(label: string, work: () => Promise<T> | T, unit?: (ms: number) => string) {
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  process.stdout.write(
    `${label.padEnd(48)} ${ms.toFixed(1).padStart(9)} ms${unit ? `  ${unit(ms)}` : ''}\n`,
  );
  return result;
}

function wideCsv(columns: number, rows: number): string {
  const header = Array.from({ length: columns }, (_, i) => `column_${i}`).join(',');
  const row = (r: number) => Array.from({ length: columns }, (_, i) => `"값 ${r}-${i}"`).join(',');
  return [header, ...Array.from({ length: rows }, (_, r) => row(r))].join('\n');
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const head = Buffer.from(wideCsv(200, 400)).subarray(0, 64 * 1024);
  await time(
    'sniff a 64 KiB head of a 200-column CSV',
    () => {
      for (let i = 0; i < 20; i++) sniffCsvHead(head, { fileName: 'bench.csv', truncated: true });
    },
    (ms) => `${(ms / 20).toFixed(1)} ms each`,
  );

  const cp949 = iconv.encode(wideCsv(20, 60_000), 'cp949');
  await time(
    `transcode ${(cp949.length / 1e6).toFixed(0)} MB of CP949 to UTF-8`,
    async () => {
      const chunks = Array.from({ length: Math.ceil(cp949.length / 65536) }, (_, i) =>
        cp949.subarray(i * 65536, (i + 1) * 65536),
      );
      let bytes = 0;
      await pipeline(Readable.from(chunks), utf8TranscodeStream('cp949'), async function* (source) {
        for await (const chunk of source) bytes += (chunk as Buffer).length;
        yield* [];
      });
      return bytes;
    },
    (ms) => `${(cp949.length / 1e6 / (ms / 1000)).toFixed(0)} MB/s`,
  );

  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-bench-'));
  const server = await startLocalS3({ dir, buckets: [] });
  const s3 = createS3Client({ endpoint: server.endpoint });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
    const keys = Array.from({ length: 500 }, (_, i) =>
      i < 100 ? `PSY_ORD_CLASS_2025${String(100000 + i)}.csv` : `SCHOOL_${i}_20250101.csv`,
    );
    const limit = pLimit(16);
    await time('upload 500 small files to the local S3', () =>
      Promise.all(
        keys.map((Key) =>
          limit(() => s3.send(new PutObjectCommand({ Bucket: 'bench', Key, Body: 'a,b\n1,2\n' }))),
        ),
      ),
    );
    const outcomes = await time(
      'backfill 500 (100 snapshots of one table)',
      () =>
        backfillBucket({
          store: new S3ObjectStore(s3, 'bench'),
          config: defaultConfig(),
          concurrency: 16,
        }),
      (ms) => `${(500 / (ms / 1000)).toFixed(0)} files/s`,
    );
    const failed = outcomes.filter((o) => o.status === 'failed');
    if (failed.length > 0) throw new Error(`${failed.length} filings failed`);
  } finally {
    s3.destroy();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
