import type { SerDeInfo, Table, TableInput } from '@aws-sdk/client-glue';
import type { Config } from '../config/config-schema.js';
import { CatalogTableMissing } from '../errors.js';
import type { ObjectStore } from '../filing/object-store.js';
import type { Logger } from '../logging/logger.js';
import { checkSnapshot } from '../workflow/snapshot-check.js';
import type { WorkflowInput } from '../workflow/workflow-input.js';
import { coercePartitions } from './coerce-partitions.js';
import { type ColumnPlan, planColumns } from './column-plan.js';
import type { GlueCatalog } from './glue-catalog.js';
import { sameJson } from './same-json.js';
import { tableInputOf } from './table-input.js';
import { describeSerde, desiredSerde } from './table-serde.js';

/** Every filed file starts with its header line (filing refuses files without one). */
const SKIP_HEADER = 'skip.header.line.count';

export interface CoerceResult {
  status: 'coerced' | 'unchanged' | 'superseded';
  superseded: boolean;
  reason: string;
  database: string;
  table: string;
  changes: CoerceChanges;
  /** The table's columns after coercion, in order (empty when superseded). */
  columns: { name: string; type: string }[];
}

export interface CoerceChanges extends Omit<ColumnPlan, 'columns'> {
  /** `from → to` when the SerDe changed, else null. */
  serde: string | null;
  skipHeaderSet: boolean;
  partitionsUpdated: number;
}

export interface CoerceDeps {
  catalog: GlueCatalog;
  store: ObjectStore;
  config: Config;
  logger?: Pick<Logger, 'info'>;
}

/**
 * Brings the catalog table in line with the file: header names (config renames win), string
 * types (config overrides win), new columns added, the SerDe that reads the file, the header
 * line skipped, and every partition made equal to the table. Writes nothing when the table
 * already matches; UpdateTable carries the VersionId read, so a concurrent change fails it
 * (CatalogTableChanged, retried) instead of being overwritten.
 */
export async function coerceTable(input: WorkflowInput, deps: CoerceDeps): Promise<CoerceResult> {
  const { catalog, config } = deps;
  const database = config.glue.database;
  const check = await checkSnapshot(input, deps);
  if (check.superseded) {
    return {
      ...emptyResult(database, input.table, check.reason),
      status: 'superseded',
      superseded: true,
    };
  }
  const table = await catalog.getTable(database, input.table);
  if (!table) {
    throw new CatalogTableMissing(
      `table ${database}.${input.table} is not in the catalog: the crawler found no CSV it could read under s3://${input.bucket}/${input.table}/`,
    );
  }
  const plan = planColumns({
    database,
    table: input.table,
    current: table.StorageDescriptor?.Columns ?? [],
    header: input.header,
    settings: config.tables[input.table],
    partitionKeys: table.PartitionKeys,
  });
  const desired = desiredTable(table, plan, input);
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
    columns: columns.map((c) => ({ name: c.Name ?? '', type: c.Type ?? 'string' })),
  };
}

function desiredTable(table: Table, plan: ColumnPlan, input: WorkflowInput): TableInput {
  const current = tableInputOf(table);
  return {
    ...current,
    StorageDescriptor: {
      ...current.StorageDescriptor,
      Columns: plan.columns,
      SerdeInfo: desiredSerde(input, current.StorageDescriptor?.SerdeInfo),
    },
    Parameters: { ...current.Parameters, [SKIP_HEADER]: '1' },
  };
}

/** Only what coercion sets is compared: columns, SerDe and the header parameter. */
function differs(table: Table, desired: TableInput): boolean {
  const essentials = (t: Pick<TableInput, 'StorageDescriptor' | 'Parameters'>) => [
    (t.StorageDescriptor?.Columns ?? []).map((c) => [c.Name, c.Type]),
    t.StorageDescriptor?.SerdeInfo?.SerializationLibrary,
    t.StorageDescriptor?.SerdeInfo?.Parameters ?? {},
    t.Parameters?.[SKIP_HEADER],
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
  };
}
