/**
 * Method (a) of `npm run bench:load`, in its own process so its peak RSS is the loader's: the
 * pipeline's `loadRows` reads the filed object from the local S3 server and loads it, chunk
 * after chunk as the state machine's loop would invoke it. Prints one JSON line.
 */
import { createS3Client } from '../shared/aws/s3-client.js';
import { S3ObjectStore } from '../shared/aws/s3-object-store.js';
import type { CatalogColumn } from '../shared/mysql/catalog-column.js';
import { loadRows } from '../shared/mysql/load-rows.js';
import { mysqlSettingsFromUrl } from '../shared/mysql/mysql-settings.js';
import { openMysql } from '../shared/mysql/open-mysql.js';
import { type MethodOutcome, peakRssMb } from './load-method.js';

export interface LoaderJob {
  endpoint: string;
  bucket: string;
  key: string;
  eTag: string;
  mysqlUrl: string;
  database: string;
  table: string;
  fields: string[];
  delimiter: string;
  quote: string;
  lineBreak: '\n' | '\r\n';
  chunkBytes: number;
  columns: CatalogColumn[];
}

/**
 * What this bench reads of a result. The contract's `done`/`offset` drive the loop; a loader
 * that predates chunking (no `done`) loads the whole file in one call.
 */
interface ChunkProgress {
  rows: number;
  done?: boolean;
  offset?: number;
  chunks?: number;
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const job = JSON.parse(process.argv[2] ?? '{}') as LoaderJob;
  const s3 = createS3Client({ endpoint: job.endpoint });
  const store = new S3ObjectStore(s3, job.bucket);
  const connection = await openMysql(mysqlSettingsFromUrl(job.mysqlUrl));
  try {
    // Built as a variable, not a literal at the call: it carries the contract's fields
    // (common8.md) whether or not the loader in the tree declares them yet.
    const request = {
      database: job.database,
      table: job.table,
      key: job.key,
      snapshot: job.eTag,
      eTag: job.eTag,
      delimiter: job.delimiter,
      quote: job.quote,
      lineBreak: job.lineBreak,
      mode: 'replace' as const,
      emptyAs: 'null' as const,
      maxShrink: 0.5,
      fields: job.fields,
      chunkBytes: job.chunkBytes,
      catalog: { columns: job.columns },
    };
    const start = performance.now();
    let invocations = 1;
    let result: ChunkProgress = await loadRows(request, { connection, store });
    while (result.done === false) {
      invocations++;
      const next = { ...request, offset: result.offset };
      result = await loadRows(next, { connection, store });
    }
    const seconds = (performance.now() - start) / 1000;
    const outcome: MethodOutcome = {
      rows: result.rows,
      seconds,
      peakRssMb: peakRssMb(),
      note: `${invocations} invocation(s), ${result.chunks ?? invocations} chunk(s)`,
    };
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
  } finally {
    await connection.end();
    s3.destroy();
  }
}

await main();
