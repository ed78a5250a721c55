/**
 * Where the loader's time goes: `node --openssl-legacy-provider --import tsx
 * bench/load-profile.ts [--rows-scale N] [--file narrow|wide]`. The stages of method (a) taken
 * apart, each in a child process (as in bench/load.ts, s3rver stays in this one): reading the
 * file, reading the S3 object, CountingStream's byte scanning, and mysql2's LOCAL INFILE with
 * and without it. Prints seconds, MB/s and the child's CPU seconds per stage.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { ResultSetHeader } from 'mysql2/promise';
import { startLocalS3 } from '../local/s3/local-s3-server.js';
import { createS3Client } from '../shared/aws/s3-client.js';
import { S3ObjectStore } from '../shared/aws/s3-object-store.js';
import { CountingStream } from '../shared/mysql/counting-stream.js';
import { INFILE_NAME, loadDataStatement } from '../shared/mysql/load-data-statement.js';
import { LOCAL_MYSQL_URL, mysqlSettingsFromUrl } from '../shared/mysql/mysql-settings.js';
import { openMysql } from '../shared/mysql/open-mysql.js';
import { quoteIdentifier, quoteQualified } from '../shared/mysql/quote-identifier.js';
import { generateCsv } from './load-generate.js';
import { runNodeMethod } from './load-method.js';

const STAGES = [
  'disk',
  's3',
  'scan',
  's3+scan',
  'infile(disk)',
  'infile(disk+scan)',
  'infile(s3)',
  'infile(s3+scan)',
] as const;
type Stage = (typeof STAGES)[number];

interface StageJob {
  stage: Stage;
  path: string;
  endpoint: string;
  bucket: string;
  key: string;
  mysqlUrl: string;
  database: string;
  table: string;
  fields: string[];
}

/** Drains a stream, counting its bytes. */
async function drain(source: Readable): Promise<number> {
  let bytes = 0;
  await pipeline(source, async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) bytes += chunk.length;
  });
  return bytes;
}

async function runStage(job: StageJob) {
  const s3 = createS3Client({ endpoint: job.endpoint });
  const store = new S3ObjectStore(s3, job.bucket);
  const dialect = { delimiter: ',', quote: '"' };
  const source = async () =>
    job.stage.includes('s3') ? await store.readStream(job.key) : createReadStream(job.path);
  const scanned = async () => {
    const body = await source();
    if (!job.stage.includes('scan')) return body;
    const counting = new CountingStream(dialect);
    body.on('error', (error: Error) => counting.destroy(error));
    return body.pipe(counting);
  };
  const connection = job.stage.startsWith('infile')
    ? await openMysql(mysqlSettingsFromUrl(job.mysqlUrl))
    : undefined;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let rows = 0;
  if (connection) {
    const stream = await scanned();
    const sql = loadDataStatement({
      database: job.database,
      table: job.table,
      columns: job.fields,
      ...dialect,
      lineBreak: '\n',
      emptyAs: 'null',
    });
    const [result] = await connection.query<ResultSetHeader>({
      sql,
      infileStreamFactory: (name: string) => {
        if (name !== INFILE_NAME) throw new Error(`the server asked for ${name}`);
        return stream;
      },
    });
    rows = result.affectedRows;
    await connection.end();
  } else {
    await drain(await scanned());
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  s3.destroy();
  const cpuSeconds = (used.user + used.system) / 1e6;
  process.stdout.write(
    `${JSON.stringify({ rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, note: `cpu ${cpuSeconds.toFixed(2)} s` })}\n`,
  );
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const argv = process.argv.slice(2);
  if (argv[0]?.startsWith('{')) {
    await runStage(JSON.parse(argv[0]) as StageJob);
    return;
  }
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const scale = Number(option('--rows-scale') ?? 1);
  const which = option('--file') ?? 'wide';
  if (!(scale > 0) || (which !== 'wide' && which !== 'narrow')) {
    throw new Error('use --rows-scale N (above 0) and --file narrow|wide');
  }
  const [rows, columns] = which === 'narrow' ? [1_000_000, 10] : [200_000, 120];
  const mysqlUrl = process.env.MYSQL_URL || LOCAL_MYSQL_URL;
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-load-profile-'));
  await mkdir(join(dir, 's3'));
  const server = await startLocalS3({ dir: join(dir, 's3'), buckets: [] });
  const s3 = createS3Client({ endpoint: server.endpoint });
  const admin = await openMysql(mysqlSettingsFromUrl(mysqlUrl));
  const database = `csv_catalog_profile_${randomBytes(4).toString('hex')}`;
  try {
    const path = join(dir, 'profile.csv');
    const file = await generateCsv(path, Math.round(rows * scale), columns, columns);
    await s3.send(new CreateBucketCommand({ Bucket: 'profile' }));
    await new S3ObjectStore(s3, 'profile').upload('p.csv', createReadStream(path), {
      metadata: {},
    });
    await admin.query(`CREATE DATABASE ${quoteIdentifier(database)} CHARACTER SET utf8mb4`);
    const fields = Array.from({ length: columns }, (_, i) => `c${i}`);
    // Every column TEXT: the width limits never refuse it, and the type does not change what
    // is measured here (the bytes' way into the server).
    const definition = fields.map((f) => `${quoteIdentifier(f)} TEXT`).join(', ');
    const mb = file.bytes / 1024 ** 2;
    process.stdout.write(`${Math.round(rows * scale)} rows × ${columns}, ${mb.toFixed(1)} MB\n`);
    for (const stage of STAGES) {
      const table = `t_${randomBytes(3).toString('hex')}`;
      await admin.query(
        `CREATE TABLE ${quoteQualified(database, table)} (${definition}) DEFAULT CHARSET = utf8mb4`,
      );
      const job: StageJob = {
        stage,
        path,
        endpoint: server.endpoint,
        bucket: 'profile',
        key: 'p.csv',
        mysqlUrl,
        database,
        table,
        fields,
      };
      const outcome = await runNodeMethod('load-profile.ts', job);
      await admin.query(`DROP TABLE ${quoteQualified(database, table)}`);
      process.stdout.write(
        `${stage.padEnd(20)} ${outcome.seconds.toFixed(2).padStart(7)} s ${(mb / outcome.seconds).toFixed(0).padStart(5)} MB/s  ${outcome.note}  RSS ${outcome.peakRssMb?.toFixed(0)} MB\n`,
      );
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`).catch(() => {});
    await admin.end();
    s3.destroy();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
