import type { Column, SerDeInfo, Table, TableInput } from '@aws-sdk/client-glue';
import type { Config } from '../config/config-schema.js';
import { ownEntry, recordOf } from '../config/own-entry.js';
import type { RecordScan } from '../csv/record-scanner.js';
import { CatalogTableMissing } from '../errors.js';
import type { ObjectStore } from '../filing/object-store.js';
import type { Logger } from '../logging/logger.js';
import { snapshotVerdict } from '../workflow/snapshot-verdict.js';
import type { WorkflowInput } from '../workflow/workflow-input.js';
import { adoptCrawledTable } from './adopt-crawled-table.js';
import { coercePartitions } from './coerce-partitions.js';
import type { FileHeader } from './column-names.js';
import { type ColumnPlan, planColumns } from './column-plan.js';
import { crawlerNameFor } from './crawler-name.js';
import {
  type FiledFile,
  fileWarnings,
  missingTableReason,
  scanFiledFile,
} from './file-findings.js';
import type { GlueCatalog } from './glue-catalog.js';
import { sameJson } from './same-json.js';
import { tableInputOf } from './table-input.js';
import { describeSerde, desiredSerde, type SerdeSetting } from './table-serde.js';

/** Every filed file starts with its header line (filing refuses files without one). */
const SKIP_HEADER = 'skip.header.line.count';
/**
 * Set to `true` while the file in place holds a line break inside a quoted field, which
 * Athena's OpenCSVSerDe reads as two records; removed once a later snapshot holds none.
 */
export const QUOTED_LINE_BREAKS = 'csv_catalog.quoted_line_breaks';

/** A column of the coerced table; `comment` is the header text where the name differs. */
export interface CoercedColumn {
  name: string;
  type: string;
  comment?: string;
}

export interface CoerceResult {
  status: 'coerced' | 'unchanged' | 'superseded';
  superseded: boolean;
  reason: string;
  database: string;
  table: string;
  changes: CoerceChanges;
  /** The table's columns after coercion, in order (empty when superseded). */
  columns: CoercedColumn[];
  /** What Athena will read differently from the file, one sentence each naming it. */
  warnings: string[];
}

export interface CoerceChanges extends Omit<ColumnPlan, 'columns'> {
  /** `from → to` when the SerDe changed, else null. */
  serde: string | null;
  skipHeaderSet: boolean;
  partitionsUpdated: number;
}

/** The filed file, as the workflow knows it, and its header (read from the file's head). */
export type CoerceRequest = Pick<
  WorkflowInput,
  'bucket' | 'key' | 'table' | 'snapshot' | 'superseded' | 'delimiter' | 'quote'
> & { header: FileHeader };

export interface CoerceDeps {
  catalog: GlueCatalog;
  store: ObjectStore;
  config: Config;
  logger?: Pick<Logger, 'info'>;
  /** The deployed stage (STAGE), as EnsureCrawler got it: the crawler's name holds it. */
  stage?: string | undefined;
}

/**
 * Brings the catalog table in line with the file: header names (config renames win), string
 * types (config overrides win), new columns added, the SerDe that reads the file, the header
 * line skipped, and every partition made equal to the table. It reads the whole filed file
 * once, streamed in bounded memory, for what the first 64 KiB cannot tell: quoted line breaks
 * (the `csv_catalog.quoted_line_breaks` parameter and a warning), ragged lines (a warning, or
 * the reason the crawler made no table) and the control characters the file holds (the SerDe's
 * escapeChar must be one it lacks). Writes nothing when the table
 * already matches; UpdateTable carries the VersionId read, so a concurrent change fails it
 * (CatalogTableChanged, retried) instead of being overwritten.
 */
export async function coerceTable(input: CoerceRequest, deps: CoerceDeps): Promise<CoerceResult> {
  const { catalog, config } = deps;
  const database = config.glue.database;
  const check = await snapshotVerdict(input, deps);
  if (check.superseded) {
    return {
      ...emptyResult(database, input.table, check.reason),
      status: 'superseded',
      superseded: true,
    };
  }
  const file = filedFile(input);
  const scan = await scanFiledFile(deps.store, file);
  if (!scan) {
    // Moved since CheckSnapshot: archived by a newer snapshot, or by hand. Nothing to catalog.
    const again = await snapshotVerdict(input, deps);
    const reason = again.superseded
      ? again.reason
      : `s3://${input.bucket}/${input.key} is gone (moved or deleted after filing): nothing to catalog`;
    return {
      ...emptyResult(database, input.table, reason),
      status: 'superseded',
      superseded: true,
    };
  }
  // Our name, whatever the crawler named it (adopt-crawled-table.ts).
  const { bucket, table: name } = input;
  const crawler = crawlerNameFor(name, config, deps.stage);
  const table = await adoptCrawledTable(
    catalog,
    { database, bucket, table: name, crawler },
    deps.logger,
  );
  if (!table) {
    throw new CatalogTableMissing(
      `table ${database}.${input.table} is not in the catalog: ${missingTableReason(file, scan)}`,
    );
  }
  const settings = ownEntry(config.tables, input.table);
  const plan = planColumns({
    database,
    table: input.table,
    current: table.StorageDescriptor?.Columns ?? [],
    header: input.header,
    settings,
    partitionKeys: table.PartitionKeys,
  });
  const desired = desiredTable(table, plan, input, scan, settings?.serde ?? config.serde);
  const serdeBefore = table.StorageDescriptor?.SerdeInfo;
  const serdeAfter = desired.StorageDescriptor?.SerdeInfo;
  const tableChanged = differs(table, desired);
  if (tableChanged) {
    deps.logger?.info('Updating catalog table', { database, table: input.table, plan });
    await catalog.updateTable(database, desired, table.VersionId);
  }
  if (plan.kept.length > 0) {
    deps.logger?.info('Columns the file lacks are kept', { table: input.table, kept: plan.kept });
  }
  const partitionsUpdated = await coercePartitions(
    catalog,
    database,
    input.table,
    desired.StorageDescriptor ?? {},
  );
  const { columns, ...diff } = plan;
  return {
    status: tableChanged || partitionsUpdated > 0 ? 'coerced' : 'unchanged',
    superseded: false,
    reason: check.reason,
    database,
    table: input.table,
    changes: {
      ...diff,
      serde: sameSerde(serdeBefore, serdeAfter)
        ? null
        : `${describeSerde(serdeBefore)} → ${describeSerde(serdeAfter)}`,
      skipHeaderSet: table.Parameters?.[SKIP_HEADER] !== '1',
      partitionsUpdated,
    },
    columns: columns.map(coercedColumn),
    warnings: fileWarnings(file, scan),
  };
}

function filedFile(input: CoerceRequest): FiledFile {
  const { bucket, key, table, delimiter, quote } = input;
  return { bucket, key, table, delimiter, quote };
}

function coercedColumn(column: Column): CoercedColumn {
  const base = { name: column.Name ?? '', type: column.Type ?? 'string' };
  return column.Comment ? { ...base, comment: column.Comment } : base;
}

function desiredTable(
  table: Table,
  plan: ColumnPlan,
  input: CoerceRequest,
  scan: RecordScan,
  serde: SerdeSetting,
): TableInput {
  const current = tableInputOf(table);
  const layout = {
    delimiter: input.delimiter,
    quote: input.quote,
    controlBytes: scan.controlBytes,
  };
  const parameters = new Map(Object.entries(current.Parameters ?? {}));
  parameters.set(SKIP_HEADER, '1');
  if (scan.firstQuotedLineBreak === undefined) parameters.delete(QUOTED_LINE_BREAKS);
  else parameters.set(QUOTED_LINE_BREAKS, 'true');
  return {
    ...current,
    StorageDescriptor: {
      ...current.StorageDescriptor,
      Columns: plan.columns,
      SerdeInfo: desiredSerde(layout, current.StorageDescriptor?.SerdeInfo, serde),
    },
    Parameters: recordOf(parameters),
  };
}

/** Only what coercion sets is compared: columns, SerDe and the parameters it owns. */
function differs(table: Table, desired: TableInput): boolean {
  const essentials = (t: Pick<TableInput, 'StorageDescriptor' | 'Parameters'>) => [
    (t.StorageDescriptor?.Columns ?? []).map((c) => [c.Name, c.Type, c.Comment ?? null]),
    t.StorageDescriptor?.SerdeInfo?.SerializationLibrary,
    t.StorageDescriptor?.SerdeInfo?.Parameters ?? {},
    t.Parameters?.[SKIP_HEADER],
    t.Parameters?.[QUOTED_LINE_BREAKS] ?? null,
  ];
  return !sameJson(essentials(table), essentials(desired));
}

function sameSerde(a: SerDeInfo | undefined, b: SerDeInfo | undefined): boolean {
  return sameJson(
    [a?.SerializationLibrary, a?.Parameters ?? {}],
    [b?.SerializationLibrary, b?.Parameters ?? {}],
  );
}

function emptyResult(database: string, table: string, reason: string): CoerceResult {
  return {
    status: 'unchanged',
    superseded: false,
    reason,
    database,
    table,
    changes: {
      renamed: [],
      retyped: [],
      added: [],
      kept: [],
      reordered: false,
      serde: null,
      skipHeaderSet: false,
      partitionsUpdated: 0,
    },
    columns: [],
    warnings: [],
  };
}
