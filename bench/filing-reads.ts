/**
 * Bytes read by filing one UTF-8 file, at 1 MiB, 100 MiB and 1 GiB (× scale):
 * `node --openssl-legacy-provider --import tsx bench/filing-reads.ts [scale]`.
 *
 * Each file is uploaded to the local S3 at the bucket root and filed by `fileCsvObject` with
 * the size and ETag an object-created event carries (as the file-upload Lambda files it). The
 * filing's S3 client is metered: the bytes of every response body it read
 * (local/s3/s3-bytes-read-meter.ts), GetObject bodies being the file's bytes, and its requests
 * by operation (local/s3/s3-request-meter.ts). A UTF-8 file is copied server-side, so the
 * client reads only the sniffer's head and tail windows: 128 KiB whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalS3 } from '../local/s3/local-s3-server.js';
import { meterS3BytesRead } from '../local/s3/s3-bytes-read-meter.js';
import { meterS3Requests } from '../local/s3/s3-request-meter.js';
import { createS3Client } from '../shared/aws/s3-client.js';
import { S3ObjectStore } from '../shared/aws/s3-object-store.js';
import { defaultConfig } from '../shared/config/load-config.js';
import { fileCsvObject } from '../shared/filing/file-csv-object.js';
import { writeUtf8Csv } from './utf8-csv-file.js';

const MIB = 1024 ** 2;
const SIZES = [MIB, 100 * MIB, 1024 * MIB];
/** Below this the sniffer's two windows overlap the whole file: no tail read to show. */
const SMALLEST = 256 * 1024;
/** What filing read per UTF-8 file before this issue, at every size; the aim is to keep it. */
const BASELINE_BYTES = 128 * 1024;
const BUCKET = 'bench-reads';
const KEY = '학생명부_202511300000.csv';

interface SizeFigures {
  file: string;
  fileBytes: number;
  /** GetObject body bytes the filing read. */
  bytesRead: number;
  kibRead: number;
  ratioToBaseline: number;
  /** Every response body by operation (listings are XML). */
  responseBytesByOperation: Record<string, number>;
  requestsByOperation: Record<string, number>;
  filingSeconds: number;
}

export async function measureFilingReads(options: {
  scale: number;
}): Promise<Record<string, unknown>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sizes = SIZES.map((bytes) => Math.max(SMALLEST, Math.round(bytes * options.scale)));
  const work = await mkdtemp(join(tmpdir(), 'csv-catalog-bench-reads-'));
  const server = await startLocalS3({ dir: join(work, 's3'), buckets: [BUCKET] });
  const setup = createS3Client({ endpoint: server.endpoint });
  const client = createS3Client({ endpoint: server.endpoint });
  const bytesRead = meterS3BytesRead(client);
  const requests = meterS3Requests(client);
  const loadAtStart = loadavg();
  const figures: SizeFigures[] = [];
  try {
    for (const size of sizes) {
      const file = join(work, 'upload.csv');
      const fileBytes = await writeUtf8Csv(file, size);
      const put = await setup.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: KEY,
          Body: createReadStream(file),
          ContentLength: fileBytes,
        }),
      );
      await rm(file);
      bytesRead.reset();
      requests.reset();
      const start = performance.now();
      const outcome = await fileCsvObject(
        { key: KEY, size: fileBytes, eTag: put.ETag },
        { store: new S3ObjectStore(client, BUCKET), config: defaultConfig() },
      );
      const filingSeconds = (performance.now() - start) / 1000;
      if (outcome.status !== 'filed' || outcome.transcoded) {
        throw new Error(`${label(fileBytes)}: not filed as UTF-8: ${JSON.stringify(outcome)}`);
      }
      // Only one filed copy on disk at a time: the next size reuses the key.
      await setup.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: outcome.key }));
      const read = bytesRead.objectBytes();
      figures.push({
        file: label(fileBytes),
        fileBytes,
        bytesRead: read,
        kibRead: round(read / 1024, 1),
        ratioToBaseline: round(read / BASELINE_BYTES, 3),
        responseBytesByOperation: bytesRead.bytes(),
        requestsByOperation: requests.counts(),
        filingSeconds: round(filingSeconds, 2),
      });
    }
  } finally {
    setup.destroy();
    client.destroy();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
  return {
    what: 'bytes read through the S3 client to file one UTF-8 file (event path, server-side copy)',
    baselineBytes: BASELINE_BYTES,
    sizes: figures,
    loadAverage: { start: rounded(loadAtStart), end: rounded(loadavg()) },
    aim: `at most ${BASELINE_BYTES / 1024} KiB read per UTF-8 file at every size`,
    aimMet: figures.every((f) => f.bytesRead <= BASELINE_BYTES),
  };
}

/** 1 MiB, 100 MiB, 1 GiB; other sizes in MiB with one decimal. */
function label(bytes: number): string {
  const mib = bytes / MIB;
  if (mib >= 1024) return `${round(mib / 1024, 1)} GiB`;
  return mib >= 1 ? `${round(mib, 1)} MiB` : `${round(bytes / 1024, 0)} KiB`;
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}

function rounded(values: number[]): number[] {
  return values.map((n) => round(n, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = Number(process.argv[2] ?? 1);
  process.stdout.write(`${JSON.stringify(await measureFilingReads({ scale }), null, 2)}\n`);
}
