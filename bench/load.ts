/**
 * `npm run bench:load [-- --rows-scale 0.01] [-- --out FILE]`: how fast the pipeline's loader
 * fills MySQL, next to the server's own limit and to batched INSERTs, measured in one run.
 * See bench/README.md. Needs MariaDB/MySQL (MYSQL_URL, default the local one) with
 * local_infile on, the `mariadb` client, and runs s3rver in this process (hence
 * --openssl-legacy-provider in the npm script).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { RowDataPacket } from 'mysql2/promise';
import { startLocalS3 } from '../local/s3/local-s3-server.js';
import { createS3Client } from '../shared/aws/s3-client.js';
import { S3ObjectStore } from '../shared/aws/s3-object-store.js';
import { defaultConfig } from '../shared/config/load-config.js';
import { ownEntry } from '../shared/config/own-entry.js';
import { sniffObject } from '../shared/filing/sniff-object.js';
import { finalColumnNames, sampleLengthsByFinalName } from '../shared/glue/column-names.js';
import type { CatalogColumn } from '../shared/mysql/catalog-column.js';
import {
  LOCAL_MYSQL_URL,
  type MysqlSettings,
  mysqlSettingsFromUrl,
} from '../shared/mysql/mysql-settings.js';
import { type MysqlConnection, openMysql } from '../shared/mysql/open-mysql.js';
import { quoteIdentifier, quoteQualified } from '../shared/mysql/quote-identifier.js';
import { syncTableDdl } from '../shared/mysql/sync-table-ddl.js';
import { generateCsv } from './load-generate.js';
import { type MethodOutcome, runNodeMethod } from './load-method.js';
import {
  allAimsMet,
  type BenchResults,
  type FileFigures,
  fileFigures,
  formatResults,
  loadAverage,
  machineFacts,
  methodFigures,
} from './load-report.js';
import { loadWithCli } from './load-via-cli.js';
import type { InsertsJob } from './load-via-inserts.js';
import type { LoaderJob } from './load-via-loader.js';

/** The two files: many narrow rows, and fewer rows of a wide table. */
const FILES = [
  { table: 'bench_narrow', rows: 1_000_000, columns: 10, seed: 10 },
  { table: 'bench_wide', rows: 200_000, columns: 120, seed: 120 },
] as const;

/** rds.chunkBytes' default (common8.md): 256 MiB per LoadRows invocation. */
const CHUNK_BYTES = 268_435_456;
const BUCKET = 'bench';

interface Options {
  rowsScale: number;
  out: string | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  let rowsScale = 1;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--rows-scale') rowsScale = Number(argv[++i]);
    else if (arg === '--out') out = argv[++i];
    else throw new Error(`unknown option ${arg}: use --rows-scale N and --out FILE`);
  }
  if (!(rowsScale > 0)) throw new Error('--rows-scale must be a number above 0');
  // A quick try must not overwrite the real figures: only a full run writes them by default.
  const fallback =
    rowsScale === 1 ? fileURLToPath(new URL('results.json', import.meta.url)) : undefined;
  return { rowsScale, out: out ?? fallback };
}

async function countRows(connection: MysqlConnection, database: string, table: string) {
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM ${quoteQualified(database, table)}`,
  );
  return Number(rows[0]?.n);
}

async function checksum(connection: MysqlConnection, database: string, table: string) {
  const [rows] = await connection.query<RowDataPacket[]>(
    `CHECKSUM TABLE ${quoteQualified(database, table)}`,
  );
  return String(rows[0]?.Checksum);
}

/**
 * One file, three ways. The table is made as SyncRdsDdl makes it (the catalog's columns, the
 * lengths sampled from the filed head); (b) and (c) get empty copies of it. Each loaded table
 * is counted and dropped before the next method runs, so each starts from the same server.
 */
async function benchFile(
  spec: { table: string; rows: number; columns: number; seed: number },
  context: {
    dir: string;
    store: S3ObjectStore;
    endpoint: string;
    admin: MysqlConnection;
    settings: MysqlSettings;
    mysqlUrl: string;
    database: string;
  },
): Promise<FileFigures> {
  const { store, admin, database } = context;
  const config = defaultConfig();
  const name = `${spec.table.toUpperCase()}_202511300000.csv`;
  const path = join(context.dir, name);
  const log = (text: string) => process.stderr.write(`[${spec.table}] ${text}\n`);

  log(`generating ${spec.rows} rows × ${spec.columns} columns`);
  const generated = await generateCsv(path, spec.rows, spec.columns, spec.seed);
  const key = `${spec.table}/${name}`;
  log(`uploading ${(generated.bytes / 1024 ** 2).toFixed(1)} MB to the local S3 (not timed)`);
  await store.upload(key, createReadStream(path), { metadata: {} });
  const object = await store.head(key);
  if (!object?.eTag) throw new Error(`${key} was not stored`);

  const profile = await sniffObject(store, object, spec.table, config, 'utf-8');
  const settings = ownEntry(config.tables, spec.table);
  const fields = finalColumnNames(profile.header, settings);
  const columns: CatalogColumn[] = fields.map((field, i) => {
    const cell = profile.header.original[i];
    return { name: field, type: 'string', ...(cell !== field && cell ? { comment: cell } : {}) };
  });
  await syncTableDdl(
    {
      database,
      table: spec.table,
      columns,
      sampleMaxLengths: sampleLengthsByFinalName(
        profile.header,
        profile.sampleMaxLengths,
        settings,
      ),
      file: key,
    },
    { connection: admin },
  );
  const copies = { cli: `${spec.table}_cli`, inserts: `${spec.table}_inserts` };
  for (const copy of Object.values(copies)) {
    await admin.query(
      `CREATE TABLE ${quoteQualified(database, copy)} LIKE ${quoteQualified(database, spec.table)}`,
    );
  }
  const dialect = {
    delimiter: profile.delimiter,
    quote: profile.quote,
    lineBreak: profile.lineBreak === '\r\n' ? ('\r\n' as const) : ('\n' as const),
  };

  // The three tables must hold the same values, not only as many rows: CHECKSUM TABLE of
  // tables of one definition is equal only for equal contents (in any row order).
  let expectedChecksum: string | undefined;
  const checked = async (table: string, outcome: MethodOutcome, label: string) => {
    const counted = await countRows(admin, database, table);
    if (counted !== spec.rows) {
      throw new Error(`${label}: ${table} holds ${counted} rows, the file ${spec.rows}`);
    }
    const sum = await checksum(admin, database, table);
    expectedChecksum ??= sum;
    if (sum !== expectedChecksum) {
      throw new Error(`${label}: ${table}'s values differ from (a)'s (CHECKSUM TABLE)`);
    }
    await admin.query(`DROP TABLE ${quoteQualified(database, table)}`);
    log(`${label}: ${counted} rows in ${outcome.seconds.toFixed(2)} s`);
    return methodFigures({ ...outcome, rows: counted });
  };

  log('(a) loadRows from the local S3');
  const loaderJob: LoaderJob = {
    endpoint: context.endpoint,
    bucket: BUCKET,
    key,
    eTag: object.eTag,
    mysqlUrl: context.mysqlUrl,
    database,
    table: spec.table,
    fields,
    ...dialect,
    chunkBytes: CHUNK_BYTES,
    columns,
  };
  const loader = await checked(
    spec.table,
    await runNodeMethod('load-via-loader.ts', loaderJob),
    '(a)',
  );

  log('(b) mariadb LOAD DATA LOCAL INFILE');
  const cliJob = { path, database, table: copies.cli, fields, ...dialect };
  const cli = await checked(copies.cli, await loadWithCli(cliJob, context.settings), '(b)');

  log('(c) multi-row INSERTs');
  const insertsJob: InsertsJob = {
    path,
    mysqlUrl: context.mysqlUrl,
    database,
    table: copies.inserts,
    fields,
    delimiter: dialect.delimiter,
    quote: dialect.quote,
  };
  const inserts = await checked(
    copies.inserts,
    await runNodeMethod('load-via-inserts.ts', insertsJob),
    '(c)',
  );

  await rm(path);
  return fileFigures(
    { file: name, rows: spec.rows, columns: spec.columns, bytes: generated.bytes },
    { loader, cli, inserts },
  );
}

/**
 * bench/results.json is shared with the other benchmarks: these figures go under `load`, and
 * whatever else the file holds is kept.
 */
async function writeMerged(path: string, results: BenchResults): Promise<void> {
  let existing: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      existing = parsed as Record<string, unknown>;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await writeFile(path, `${JSON.stringify({ ...existing, load: results }, null, 2)}\n`);
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const options = parseOptions(process.argv.slice(2));
  const mysqlUrl = process.env.MYSQL_URL || LOCAL_MYSQL_URL;
  const settings = mysqlSettingsFromUrl(mysqlUrl);
  const startLoad = loadAverage();
  const date = new Date().toISOString();
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-bench-load-'));
  const s3Dir = join(dir, 's3');
  await mkdir(s3Dir);
  const server = await startLocalS3({ dir: s3Dir, buckets: [] });
  const s3 = createS3Client({ endpoint: server.endpoint });
  const admin = await openMysql(settings);
  const database = `csv_catalog_bench_${randomBytes(4).toString('hex')}`;
  try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const [version] = await admin.query<RowDataPacket[]>('SELECT VERSION() AS v');
    await admin.query(`CREATE DATABASE ${quoteIdentifier(database)} CHARACTER SET utf8mb4`);
    const context = {
      dir,
      store: new S3ObjectStore(s3, BUCKET),
      endpoint: server.endpoint,
      admin,
      settings,
      mysqlUrl,
      database,
    };
    const files: FileFigures[] = [];
    for (const spec of FILES) {
      const rows = Math.max(1, Math.round(spec.rows * options.rowsScale));
      files.push(await benchFile({ ...spec, rows }, context));
    }
    const results: BenchResults = {
      date,
      rowsScale: options.rowsScale,
      machine: machineFacts(String(version[0]?.v)),
      loadAverage: { start: startLoad, end: loadAverage() },
      files,
      allAimsMet: allAimsMet(files),
    };
    process.stdout.write(formatResults(results));
    if (options.out) {
      await writeMerged(options.out, results);
      process.stdout.write(`written to ${options.out}\n`);
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
