import {
  type CatalogState,
  type GluePartition,
  type GlueTable,
  innerMap,
  LOCAL_CATALOG_ID,
  nowEpochSeconds,
  partitionKey,
} from '../catalog-model.js';
import { entityNotFound, invalidInput } from '../glue-errors.js';
import { type GlueOperations, reading, writing } from '../glue-operation.js';
import {
  isJsonObject,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
} from '../input-checks.js';
import type { JsonObject } from '../json-protocol.js';
import { byName, pageOf } from '../paging.js';
import { partitionFilter } from './partition-expression.js';
import { readStorageDescriptor } from './table-input.js';
import { requireTable } from './tables.js';

/** GetPartitions, GetPartition, BatchCreatePartition, BatchUpdatePartition. */
export const partitionOperations: GlueOperations = {
  GetPartitions: reading((input, { store }) => {
    const table = tableOf(store.state, input);
    const matches = partitionFilter(optionalString(input, 'Expression'), table.PartitionKeys ?? []);
    const all = [...partitionsOf(store.state, table).values()]
      .filter((partition) => matches(partition.Values))
      .sort(byName((p) => partitionKey(p.Values)));
    const page = pageOf(all, (p) => partitionKey(p.Values), {
      maxResults: optionalInteger(input, 'MaxResults', { min: 1, max: 1000 }),
      nextToken: optionalString(input, 'NextToken'),
      defaultMax: 1000,
    });
    return { Partitions: page.items, NextToken: page.nextToken };
  }),

  GetPartition: reading((input, { store }) => {
    const table = tableOf(store.state, input);
    const values = optionalStringList(input, 'PartitionValues') ?? [];
    const partition = partitionsOf(store.state, table).get(partitionKey(values));
    if (!partition) throw entityNotFound('Cannot find partition.');
    return { Partition: partition };
  }),

  BatchCreatePartition: writing((input, { store }) => {
    const table = tableOf(store.state, input);
    const list = objectList(input, 'PartitionInputList', 100);
    const partitions = partitionsOf(store.state, table);
    const errors: unknown[] = [];
    for (const partitionInput of list) {
      const values = optionalStringList(partitionInput, 'Values') ?? [];
      const problem = valuesProblem(table, values);
      if (problem) {
        errors.push(partitionError(values, 'InvalidInputException', problem));
      } else if (partitions.has(partitionKey(values))) {
        errors.push(partitionError(values, 'AlreadyExistsException', 'Partition already exists.'));
      } else {
        partitions.set(partitionKey(values), newPartition(table, values, partitionInput));
      }
    }
    return { Errors: errors };
  }),

  BatchUpdatePartition: writing((input, { store }) => {
    const table = tableOf(store.state, input);
    const entries = objectList(input, 'Entries', 100);
    const partitions = partitionsOf(store.state, table);
    const errors: unknown[] = [];
    for (const entry of entries) {
      const values = optionalStringList(entry, 'PartitionValueList') ?? [];
      const partitionInput = optionalObject(entry, 'PartitionInput') ?? {};
      const current = partitions.get(partitionKey(values));
      if (!current) {
        errors.push(failure(values, 'EntityNotFoundException', 'Partition not found.'));
        continue;
      }
      const newValues = optionalStringList(partitionInput, 'Values') ?? values;
      const problem = valuesProblem(table, newValues);
      if (problem) {
        errors.push(failure(values, 'InvalidInputException', problem));
        continue;
      }
      partitions.delete(partitionKey(values));
      partitions.set(partitionKey(newValues), {
        ...newPartition(table, newValues, partitionInput),
        CreationTime: current.CreationTime,
      });
    }
    return { Errors: errors };
  }),
};

/** A partition as Glue stores it, from a PartitionInput. */
export function newPartition(
  table: GlueTable,
  values: string[],
  partitionInput: JsonObject,
): GluePartition {
  const descriptor = optionalObject(partitionInput, 'StorageDescriptor');
  const lastAccess = partitionInput.LastAccessTime;
  return {
    Values: values,
    DatabaseName: table.DatabaseName,
    TableName: table.Name,
    CreationTime: nowEpochSeconds(),
    LastAccessTime: typeof lastAccess === 'number' ? lastAccess : undefined,
    StorageDescriptor: descriptor ? readStorageDescriptor(descriptor, 'partitionInput') : undefined,
    Parameters: optionalStringMap(partitionInput, 'Parameters') ?? {},
    CatalogId: LOCAL_CATALOG_ID,
  };
}

/** The partitions of a table, keyed by partitionKey (an empty index is created for it). */
export function partitionsOf(state: CatalogState, table: GlueTable): Map<string, GluePartition> {
  return innerMap(innerMap(state.partitions, table.DatabaseName), table.Name);
}

function tableOf(state: CatalogState, input: JsonObject): GlueTable {
  return requireTable(
    state,
    requiredString(input, 'DatabaseName'),
    requiredString(input, 'TableName'),
  );
}

function valuesProblem(table: GlueTable, values: string[]): string | undefined {
  const keys = table.PartitionKeys ?? [];
  if (values.length !== keys.length) {
    return `The number of partition values (${values.length}) does not match the number of partition keys (${keys.length}).`;
  }
  return undefined;
}

function objectList(input: JsonObject, member: string, max: number): JsonObject[] {
  const value = input[member];
  if (!Array.isArray(value) || !value.every(isJsonObject)) {
    throw invalidInput(`${member} must be a list of structures.`);
  }
  if (value.length > max) throw invalidInput(`${member} takes at most ${max} entries.`);
  return value;
}

function partitionError(values: string[], code: string, message: string) {
  return { PartitionValues: values, ErrorDetail: { ErrorCode: code, ErrorMessage: message } };
}

function failure(values: string[], code: string, message: string) {
  return { PartitionValueList: values, ErrorDetail: { ErrorCode: code, ErrorMessage: message } };
}
