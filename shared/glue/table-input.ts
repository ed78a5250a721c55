import type { Table, TableInput } from '@aws-sdk/client-glue';

/**
 * The members of Glue's TableInput that a Table read back can fill (API reference, "TableInput
 * structure"). Everything else GetTable returns (DatabaseName, CreateTime, UpdateTime,
 * CreatedBy, IsRegisteredWithLakeFormation, CatalogId, VersionId, …) is read-only, and Glue
 * refuses an UpdateTable that carries it. FederatedTable and ViewDefinition are left out:
 * a crawled CSV table has neither, and ViewDefinition's input shape differs from its output.
 */
export function tableInputOf(table: Table): TableInput {
  const input: TableInput = { Name: table.Name };
  if (table.Description !== undefined) input.Description = table.Description;
  if (table.Owner !== undefined) input.Owner = table.Owner;
  if (table.LastAccessTime !== undefined) input.LastAccessTime = table.LastAccessTime;
  if (table.LastAnalyzedTime !== undefined) input.LastAnalyzedTime = table.LastAnalyzedTime;
  if (table.Retention !== undefined) input.Retention = table.Retention;
  if (table.StorageDescriptor !== undefined) input.StorageDescriptor = table.StorageDescriptor;
  if (table.PartitionKeys !== undefined) input.PartitionKeys = table.PartitionKeys;
  if (table.ViewOriginalText !== undefined) input.ViewOriginalText = table.ViewOriginalText;
  if (table.ViewExpandedText !== undefined) input.ViewExpandedText = table.ViewExpandedText;
  if (table.TableType !== undefined) input.TableType = table.TableType;
  if (table.Parameters !== undefined) input.Parameters = table.Parameters;
  if (table.TargetTable !== undefined) input.TargetTable = table.TargetTable;
  return input;
}
