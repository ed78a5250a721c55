/**
 * Method (c) of `npm run bench:load`, in its own process so its peak RSS is its own: the file
 * parsed with csv-parse and written with multi-row INSERTs of 1,000 rows through mysql2, the
 * way a library batches (knex's batchInsert: one transaction, one statement per batch, values
 * escaped by the driver). Empty fields become NULL, as the loader's emptyAs 'null'. Prints one
 * JSON line.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { mysqlSettingsFromUrl } from '../shared/mysql/mysql-settings.js';
import { openMysql } from '../shared/mysql/open-mysql.js';
import { quoteIdentifier, quoteQualified } from '../shared/mysql/quote-identifier.js';
import { type MethodOutcome, peakRssMb } from './load-method.js';

export interface InsertsJob {
  path: string;
  mysqlUrl: string;
  database: string;
  table: string;
  fields: string[];
  delimiter: string;
  quote: string;
}

const BATCH_ROWS = 1000;

async function main() {
  const job = JSON.parse(process.argv[2] ?? '{}') as InsertsJob;
  const connection = await openMysql(mysqlSettingsFromUrl(job.mysqlUrl));
  // `VALUES ?` with an array of rows: mysql2 expands and escapes it client-side.
  const sql = `INSERT INTO ${quoteQualified(job.database, job.table)} (${job.fields
    .map((name) => quoteIdentifier(name))
    .join(', ')}) VALUES ?`;
  try {
    const start = performance.now();
    const records = createReadStream(job.path).pipe(
      parse({ delimiter: job.delimiter, quote: job.quote, from_line: 2, relax_quotes: false }),
    );
    let rows = 0;
    let batch: (string | null)[][] = [];
    await connection.beginTransaction();
    for await (const record of records as AsyncIterable<string[]>) {
      batch.push(record.map((value) => (value === '' ? null : value)));
      if (batch.length === BATCH_ROWS) {
        await connection.query(sql, [batch]);
        rows += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) {
      await connection.query(sql, [batch]);
      rows += batch.length;
    }
    await connection.commit();
    const seconds = (performance.now() - start) / 1000;
    const outcome: MethodOutcome = { rows, seconds, peakRssMb: peakRssMb() };
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
  } finally {
    await connection.end();
  }
}

await main();
