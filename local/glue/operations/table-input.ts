import type { GlueColumn, GlueStorageDescriptor, GlueTable } from '../catalog-model.js';
import { invalidInput } from '../glue-errors.js';
import {
  catalogName,
  isJsonObject,
  optionalObject,
  optionalParameterMap,
  optionalString,
  optionalStringMap,
  requiredString,
} from '../input-checks.js';
import type { JsonObject } from '../json-protocol.js';

/** The members of Glue's TableInput structure (API reference, "TableInput structure"). */
const TABLE_INPUT_MEMBERS = new Set([
  'Name',
  'Description',
  'Owner',
  'LastAccessTime',
  'LastAnalyzedTime',
  'Retention',
  'StorageDescriptor',
  'PartitionKeys',
  'ViewOriginalText',
  'ViewExpandedText',
  'TableType',
  'Parameters',
  'TargetTable',
  'FederatedTable',
  'ViewDefinition',
]);

/** Members GetTable returns that Glue sets itself: passing them back is the classic mistake. */
const READ_ONLY_TABLE_MEMBERS = new Set([
  'DatabaseName',
  'CreateTime',
  'UpdateTime',
  'CreatedBy',
  'IsRegisteredWithLakeFormation',
  'CatalogId',
  'VersionId',
  'IsMultiDialectView',
  'IsMaterializedView',
  'IcebergTableMetadata',
  'Status',
]);

/** The user-settable part of a table: what CreateTable and UpdateTable take from TableInput. */
export type TableDefinition = Omit<
  GlueTable,
  | 'DatabaseName'
  | 'CreateTime'
  | 'UpdateTime'
  | 'CreatedBy'
  | 'IsRegisteredWithLakeFormation'
  | 'CatalogId'
  | 'VersionId'
>;

/**
 * Validates a TableInput as Glue does: a read-only member of Table (CreateTime, VersionId, …)
 * or any member TableInput does not have is refused with InvalidInputException naming it.
 */
export function readTableInput(input: JsonObject): TableDefinition {
  for (const member of Object.keys(input)) {
    if (READ_ONLY_TABLE_MEMBERS.has(member)) {
      throw invalidInput(
        `TableInput contains the read-only field "${member}": it is part of what GetTable returns, not of TableInput. Remove it before calling CreateTable or UpdateTable.`,
      );
    }
    if (!TABLE_INPUT_MEMBERS.has(member)) {
      throw invalidInput(`TableInput contains the unknown field "${member}".`);
    }
  }
  const name = catalogName(requiredString(input, 'Name', 'tableInput.name'));
  const storageDescriptor = optionalObject(input, 'StorageDescriptor');
  const definition: TableDefinition = {
    ...(input as Partial<TableDefinition>),
    Name: name,
    Parameters: optionalStringMap(input, 'Parameters') ?? {},
    PartitionKeys: readColumns(input.PartitionKeys, 'tableInput.partitionKeys'),
  };
  for (const member of ['LastAccessTime', 'LastAnalyzedTime', 'Retention'] as const) {
    const value = input[member];
    if (value !== undefined && value !== null && typeof value !== 'number') {
      throw invalidInput(`TableInput.${member} must be a number (epoch seconds for times).`);
    }
  }
  optionalString(input, 'TableType', 'tableInput.tableType');
  if (storageDescriptor) {
    definition.StorageDescriptor = readStorageDescriptor(storageDescriptor, 'tableInput');
  }
  return definition;
}

export function readStorageDescriptor(input: JsonObject, path: string): GlueStorageDescriptor {
  const descriptor: GlueStorageDescriptor = { ...input };
  descriptor.Columns = readColumns(input.Columns, `${path}.storageDescriptor.columns`);
  const serde = input.SerdeInfo;
  if (serde !== undefined && !isJsonObject(serde)) {
    throw invalidInput(`${path}.storageDescriptor.serdeInfo must be a structure.`);
  }
  if (serde)
    optionalParameterMap(serde, 'Parameters', `${path}.storageDescriptor.serdeInfo.parameters`);
  return descriptor;
}

function readColumns(value: unknown, path: string): GlueColumn[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput(`${path} must be a list of columns.`);
  return value.map((column, index) => {
    if (!isJsonObject(column)) throw invalidInput(`${path}.${index} must be a column structure.`);
    const name = requiredString(column, 'Name', `${path}.${index}.member.name`);
    return { ...(column as Partial<GlueColumn>), Name: name };
  });
}
