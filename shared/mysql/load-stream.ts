import type { Readable } from 'node:stream';
import type { ResultSetHeader } from 'mysql2/promise';
import {
  RdsLoadMismatch,
  RdsLoadRejected,
  RdsLoadSourceChanged,
  RdsStatementFailed,
} from '../errors.js';
import type { ObjectStore } from '../filing/object-store.js';
import { type CountedChunk, CountingStream } from './counting-stream.js';
import { INFILE_NAME, loadDataStatement } from './load-data-statement.js';
import type { LoadPlan } from './load-plan.js';
import { toRdsError } from './rds-errors.js';
import { type MysqlQueryable, selectRows } from './run-statement.js';

/** Which bytes of the file one LOAD DATA reads. */
export interface ChunkRange {
  /** A record boundary: 0 or an offset an earlier chunk ended at. */
  start: number;
  /** The file's line number at `start`. */
  line: number;
  /** Bytes to read at least (then up to the next record end); infinite: to the end. */
  limit: number;
}

export interface LoadedChunk {
  affectedRows: number;
  warningCount: number;
  warnings: string[];
  counted: CountedChunk;
  /** Longest value per field in this chunk, by final catalog name. */
  longest: Map<string, number>;
}

/**
 * Streams one byte range of the object (a Range read, If-Match the load's ETag) into
 * `LOAD DATA LOCAL INFILE` of one table, ending the read at the range's last record end;
 * what the server and the scan said, unchecked. Only the chunk at offset 0 has the header.
 */
export async function loadChunkInto(
  target: string,
  plan: LoadPlan,
  clients: { connection: MysqlQueryable; store: ObjectStore },
  range: ChunkRange,
): Promise<LoadedChunk> {
  const header = range.start === 0;
  const body = await readFrom(clients.store, plan, range.start);
  let cut = false;
  const counting = new CountingStream({
    delimiter: plan.delimiter,
    quote: plan.quote,
    header,
    firstLine: range.line,
    limit: range.limit,
    onCut: () => {
      // The chunk is complete: stop reading the rest of the object.
      cut = true;
      body.unpipe(counting);
      body.destroy();
    },
  });
  body.on('error', (error) => {
    if (!cut) counting.destroy(error);
  });
  body.pipe(counting);
  const sql = loadDataStatement({
    database: plan.database,
    table: target,
    targets: plan.targets,
    delimiter: plan.delimiter,
    quote: plan.quote,
    lineBreak: plan.lineBreak,
    emptyAs: plan.emptyAs,
    skipHeader: header,
  });
  let result: ResultSetHeader;
  try {
    [result] = await clients.connection.query<ResultSetHeader>({
      sql,
      infileStreamFactory: (name: string) => {
        if (name !== INFILE_NAME) throw new Error(`the server asked for ${name}`);
        return counting;
      },
    });
  } catch (error) {
    body.destroy();
    const mapped = toRdsError(error, { statement: sql });
    if (!(mapped instanceof RdsStatementFailed)) throw mapped;
    throw new RdsLoadRejected(
      `${plan.key}: MySQL refused the rows for ${plan.database}.${plan.table}: ${mapped.code ? `${mapped.code}: ` : ''}${serverMessage(error)}`,
      { cause: mapped },
    );
  }
  const counted = counting.result();
  if (!counted.cut && range.start + counted.consumed !== plan.size) {
    // The read ended early without an error: never commit a piece of a chunk.
    throw new Error(
      `${plan.key}: the read from byte ${range.start} ended at byte ${range.start + counted.consumed}, before the object's end (${plan.size})`,
    );
  }
  const warnings = result.warningStatus > 0 ? await firstWarnings(clients.connection) : [];
  const longest = new Map<string, number>();
  plan.fields.forEach((field, i) => {
    longest.set(field, counted.longest[i] ?? 0);
  });
  return {
    affectedRows: result.affectedRows,
    warningCount: result.warningStatus,
    warnings,
    counted,
    longest,
  };
}

/** The rows loaded, once the field counts, the row count and the warnings are all right. */
export function checkedRows(loaded: LoadedChunk, plan: LoadPlan, range: ChunkRange): number {
  const { counted, affectedRows, warnings } = loaded;
  const { scan } = counted;
  assertFieldCounts(scan, plan, range.start === 0);
  if (scan.unclosedQuoteLine !== undefined) {
    throw new RdsLoadMismatch(
      `${plan.key}: the quoted field opened on line ${scan.unclosedQuoteLine} is never closed`,
    );
  }
  // With LOCAL the server cannot stop the client's stream, so it treats data errors as IGNORE
  // does, strict mode or not: a value cut to fit is only a warning
  // (https://dev.mysql.com/doc/refman/8.0/en/load-data.html#load-data-error-handling).
  // Any warning therefore fails the load before its rows become visible.
  if (affectedRows !== scan.records || warnings.length > 0) {
    throw new RdsLoadMismatch(
      `${plan.key}${where(range)}: the file holds ${scan.records} data rows, MySQL loaded ${affectedRows} into ${plan.database}.${plan.table}${warnings.length ? ` with ${loaded.warningCount} warnings: ${warnings.join('; ')}` : ''}`,
    );
  }
  return affectedRows;
}

/**
 * Every record must have one field per field of the header: LOAD DATA fills a short row's
 * missing user variables with NULL without a warning, and would load it.
 */
function assertFieldCounts(scan: CountedChunk['scan'], plan: LoadPlan, withHeader: boolean): void {
  const expected = plan.fields.length;
  const wrong = scan.fieldCounts.filter((count) => count.fields !== expected);
  const headerRight = !withHeader || scan.headerFields === expected;
  if (headerRight && wrong.length === 0) return;
  const rows = wrong
    .map(
      (count) =>
        `${count.records} rows of ${count.fields} fields (lines ${count.lines.join(', ')})`,
    )
    .join('; ');
  const headerSays = withHeader ? `; the header has ${scan.headerFields} fields` : '';
  throw new RdsLoadMismatch(
    `${plan.key}: ${expected} fields expected (${plan.database}.${plan.table})${headerSays}${rows ? `, and ${rows}` : ''}`,
  );
}

/** The first warnings of the last statement; MySQL names the row (line) in the message. */
async function firstWarnings(connection: MysqlQueryable): Promise<string[]> {
  const rows = await selectRows(connection, 'SHOW WARNINGS LIMIT 5', []);
  return rows.map((row) => `${row.Level} ${row.Code}: ${row.Message}`);
}

/** The object from `start` on, If-Match the load's ETag: a 412 is RdsLoadSourceChanged. */
export async function readFrom(
  store: ObjectStore,
  plan: { key: string; eTag?: string | undefined },
  start: number,
): Promise<Readable> {
  try {
    return await store.readStream(plan.key, start, plan.eTag ? { ifMatch: plan.eTag } : {});
  } catch (error) {
    if (isPreconditionFailed(error)) throw sourceChanged(plan, error);
    throw error;
  }
}

export function sourceChanged(plan: { key: string; eTag?: string | undefined }, cause?: unknown) {
  return new RdsLoadSourceChanged(
    `${plan.key} changed while it was loaded (it is no longer ETag ${plan.eTag}): the newer snapshot's execution loads it`,
    cause === undefined ? undefined : { cause },
  );
}

function isPreconditionFailed(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return status === 412 || (error instanceof Error && error.name === 'PreconditionFailed');
}

function where(range: ChunkRange): string {
  return range.start === 0 && !Number.isFinite(range.limit)
    ? ''
    : ` (the chunk from byte ${range.start}, line ${range.line})`;
}

function serverMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
