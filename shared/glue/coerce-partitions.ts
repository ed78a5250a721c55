import type {
  BatchUpdatePartitionRequestEntry,
  Partition,
  StorageDescriptor,
} from '@aws-sdk/client-glue';
import type { GlueCatalog } from './glue-catalog.js';
import { sameJson } from './same-json.js';

/** BatchUpdatePartition takes at most 100 entries. */
const BATCH_SIZE = 100;

/**
 * Makes every partition's columns and SerDe the table's: queries read a partition with its own
 * schema, so one crawled with `col0…` or other types would undo the coercion for its rows.
 * Returns how many partitions it updated; partitions already equal are not written.
 */
export async function coercePartitions(
  catalog: GlueCatalog,
  database: string,
  table: string,
  tableDescriptor: StorageDescriptor,
): Promise<number> {
  let batch: BatchUpdatePartitionRequestEntry[] = [];
  let updated = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await catalog.updatePartitions(database, table, batch);
    updated += batch.length;
    batch = [];
  };
  for await (const page of catalog.partitions(database, table)) {
    for (const partition of page) {
      if (matchesTable(partition, tableDescriptor)) continue;
      batch.push(updateEntry(partition, tableDescriptor));
      if (batch.length === BATCH_SIZE) await flush();
    }
  }
  await flush();
  return updated;
}

function matchesTable(partition: Partition, table: StorageDescriptor): boolean {
  const own = partition.StorageDescriptor;
  return sameJson(
    [columnsOf(own), own?.SerdeInfo?.SerializationLibrary, own?.SerdeInfo?.Parameters ?? {}],
    [columnsOf(table), table.SerdeInfo?.SerializationLibrary, table.SerdeInfo?.Parameters ?? {}],
  );
}

function columnsOf(descriptor: StorageDescriptor | undefined) {
  return (descriptor?.Columns ?? []).map((c) => [c.Name, c.Type]);
}

/** A PartitionInput keeps the partition's own location, parameters and times. */
function updateEntry(
  partition: Partition,
  table: StorageDescriptor,
): BatchUpdatePartitionRequestEntry {
  const values = partition.Values ?? [];
  return {
    PartitionValueList: values,
    PartitionInput: {
      Values: values,
      StorageDescriptor: {
        ...partition.StorageDescriptor,
        Columns: table.Columns,
        SerdeInfo: table.SerdeInfo,
      },
      Parameters: partition.Parameters,
      LastAccessTime: partition.LastAccessTime,
      LastAnalyzedTime: partition.LastAnalyzedTime,
    },
  };
}
