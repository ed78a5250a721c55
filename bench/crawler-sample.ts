/**
 * The local crawler's time on a table whose only file is 1 MiB against one whose only file is
 * 1 GiB (× scale): `node --openssl-legacy-provider --import tsx bench/crawler-sample.ts [scale]`.
 * Flat by design: like Glue's CSV classifier it samples the first 1 MiB of a file
 * (local/glue/crawler/csv-sample.ts), so a crawl costs the same whatever the file's size.
 *
 * - A crawl is timed through the project's Glue endpoint (minCrawlMs 0) with the real SDK:
 *   StartCrawler, then GetCrawler every few ms until READY; each table is crawled several
 *   times, the two tables in turn, and the median is the figure. GetCrawlerMetrics'
 *   LastRuntimeSeconds is the endpoint's own measure of the last run.
 * - The bytes a crawl reads: the same crawl planned once more (planCrawl, what the endpoint
 *   runs) on a client whose response bytes are metered (local/s3/s3-bytes-read-meter.ts).
 * - Each file is generated on disk, uploaded to the local S3 and deleted; the local S3 runs in
 *   this process, as the Glue endpoint does in `local up`.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateCrawlerCommand,
  CreateDatabaseCommand,
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GetTablesCommand,
  GlueClient,
  StartCrawlerCommand,
} from '@aws-sdk/client-glue';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { GlueCrawler } from '../local/glue/catalog-model.js';
import { planCrawl } from '../local/glue/crawler/crawl-plan.js';
import { startGlueEndpoint } from '../local/glue/glue-endpoint.js';
import { startLocalS3 } from '../local/s3/local-s3-server.js';
import { meterS3BytesRead } from '../local/s3/s3-bytes-read-meter.js';
import { createS3Client } from '../shared/aws/s3-client.js';
import { writeUtf8Csv } from './utf8-csv-file.js';

const MIB = 1024 ** 2;
const SMALL_BYTES = MIB;
const LARGE_BYTES = 1024 * MIB;
const BUCKET = 'bench-crawl';
const DATABASE = 'bench';
const ROLE = 'arn:aws:iam::000000000000:role/bench';
/** "Flat": the 1 GiB file's crawl within this many times the 1 MiB file's. */
const AIM_RATIO = 2;
const POLL_MS = 5;

interface TableUnderTest {
  folder: string;
  crawler: string;
  fileBytes: number;
  crawlMs: number[];
}

export async function measureCrawlerSample(options: {
  scale: number;
}): Promise<Record<string, unknown>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const runs = options.scale >= 1 ? 7 : 3;
  const largeBytes = Math.max(2 * SMALL_BYTES, Math.round(LARGE_BYTES * options.scale));
  const work = await mkdtemp(join(tmpdir(), 'csv-catalog-bench-crawl-'));
  const s3Server = await startLocalS3({ dir: join(work, 's3'), buckets: [BUCKET] });
  const glue = await startGlueEndpoint({
    dir: join(work, 'glue'),
    s3Endpoint: s3Server.endpoint,
    minCrawlMs: 0,
  });
  const s3 = createS3Client({ endpoint: s3Server.endpoint });
  const client = new GlueClient({
    endpoint: glue.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const loadAtStart = loadavg();
  try {
    await client.send(new CreateDatabaseCommand({ DatabaseInput: { Name: DATABASE } }));
    const tables: TableUnderTest[] = [];
    for (const [folder, size] of [
      ['school_student_small', SMALL_BYTES],
      ['school_student_large', largeBytes],
    ] as const) {
      const fileBytes = await uploadCsv(s3, work, `${folder}/STUDENT_202511300000.csv`, size);
      const crawler = `crawler_${folder}`;
      await client.send(
        new CreateCrawlerCommand({
          Name: crawler,
          Role: ROLE,
          DatabaseName: DATABASE,
          Targets: { S3Targets: [{ Path: `s3://${BUCKET}/${folder}/` }] },
          SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
        }),
      );
      tables.push({ folder, crawler, fileBytes, crawlMs: [] });
    }
    // In turn, so a busy moment of the machine does not fall on one table only.
    for (let run = 0; run < runs; run++) {
      for (const table of tables) table.crawlMs.push(await timeCrawl(client, table.crawler));
    }
    const figures = [];
    for (const table of tables) figures.push(await tableFigures(client, s3Server.endpoint, table));
    const [small, large] = figures as [TableFigures, TableFigures];
    const ratio = round(large.crawlMsMedian / small.crawlMsMedian, 2);
    return {
      what: "the local crawler's time on a table of one 1 MiB file vs one large file",
      runs,
      small,
      large,
      ratio,
      loadAverage: { start: rounded(loadAtStart), end: rounded(loadavg()) },
      aim: `same bytes read at both sizes, the large file's crawl within ${AIM_RATIO}× the small one's`,
      aimMet: large.bytesRead === small.bytesRead && ratio <= AIM_RATIO,
    };
  } finally {
    client.destroy();
    s3.destroy();
    await glue.close();
    await s3Server.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** Writes a UTF-8 CSV of about `size` bytes on disk, uploads it, deletes the local copy. */
async function uploadCsv(
  s3: ReturnType<typeof createS3Client>,
  work: string,
  key: string,
  size: number,
): Promise<number> {
  const file = join(work, 'upload.csv');
  const fileBytes = await writeUtf8Csv(file, size);
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      Body: createReadStream(file),
      ContentLength: fileBytes,
    }),
  );
  await rm(file);
  return fileBytes;
}

/** One crawl, StartCrawler to READY, in ms; a crawl that does not succeed throws. */
async function timeCrawl(client: GlueClient, name: string): Promise<number> {
  const start = performance.now();
  await client.send(new StartCrawlerCommand({ Name: name }));
  for (;;) {
    const { Crawler: crawler } = await client.send(new GetCrawlerCommand({ Name: name }));
    if (crawler?.State === 'READY') {
      const ms = performance.now() - start;
      const last = crawler.LastCrawl;
      if (last?.Status !== 'SUCCEEDED') {
        throw new Error(`${name}: crawl ${last?.Status}: ${last?.ErrorMessage ?? ''}`);
      }
      return ms;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

interface TableFigures {
  table: string;
  fileBytes: number;
  fileMib: number;
  crawlMsMedian: number;
  crawlMs: number[];
  /** The endpoint's own duration of the last run. */
  lastRuntimeSeconds: number;
  /** Object bytes a crawl of the table reads. */
  bytesRead: number;
  columns: string[];
}

async function tableFigures(
  client: GlueClient,
  s3Endpoint: string,
  table: TableUnderTest,
): Promise<TableFigures> {
  const metrics = await client.send(
    new GetCrawlerMetricsCommand({ CrawlerNameList: [table.crawler] }),
  );
  // The table the crawler wrote for the folder (its name is the crawler's to choose).
  const { TableList: written = [] } = await client.send(
    new GetTablesCommand({ DatabaseName: DATABASE }),
  );
  const catalogTable = written.find((t) => t.StorageDescriptor?.Location?.includes(table.folder));
  return {
    table: catalogTable?.Name ?? '(none)',
    fileBytes: table.fileBytes,
    fileMib: round(table.fileBytes / MIB, 1),
    crawlMsMedian: round(median(table.crawlMs), 1),
    crawlMs: table.crawlMs.map((ms) => round(ms, 1)),
    lastRuntimeSeconds: round(metrics.CrawlerMetricsList?.[0]?.LastRuntimeSeconds ?? Number.NaN, 3),
    bytesRead: await bytesReadByCrawl(s3Endpoint, table.folder),
    columns: (catalogTable?.StorageDescriptor?.Columns ?? []).map((c) => c.Name ?? ''),
  };
}

/** The object bytes one crawl of the folder reads: the crawl planned on a metered client. */
async function bytesReadByCrawl(s3Endpoint: string, folder: string): Promise<number> {
  const s3 = createS3Client({ endpoint: s3Endpoint });
  const meter = meterS3BytesRead(s3);
  try {
    await planCrawl({
      crawler: crawlerOf(folder),
      classifiers: [],
      s3,
      signal: new AbortController().signal,
      log: () => {},
    });
    return meter.objectBytes();
  } finally {
    s3.destroy();
  }
}

/** The crawler as the endpoint stores it, for planCrawl. */
function crawlerOf(folder: string): GlueCrawler {
  return {
    Name: `crawler_${folder}`,
    Role: ROLE,
    DatabaseName: DATABASE,
    Targets: { S3Targets: [{ Path: `s3://${BUCKET}/${folder}/` }] },
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}

function rounded(values: number[]): number[] {
  return values.map((n) => round(n, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = Number(process.argv[2] ?? 1);
  process.stdout.write(`${JSON.stringify(await measureCrawlerSample({ scale }), null, 2)}\n`);
}
