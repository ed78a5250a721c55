import {
  type CatalogState,
  type GlueTable,
  innerMap,
  LOCAL_CATALOG_ID,
  nowEpochSeconds,
} from '../catalog-model.js';
import { alreadyExists, entityNotFound, GlueServiceError } from '../glue-errors.js';
import { type GlueOperations, reading, writing } from '../glue-operation.js';
import {
  catalogName,
  optionalInteger,
  optionalString,
  requiredObject,
  requiredString,
} from '../input-checks.js';
import { tableNameMatcher } from '../name-pattern.js';
import { byName, pageOf } from '../paging.js';
import { requireDatabase } from './databases.js';
import { readTableInput, type TableDefinition } from './table-input.js';

/** Who a table made through the API was created by (Glue records the caller's ARN). */
const API_CALLER_ARN = `arn:aws:iam::${LOCAL_CATALOG_ID}:user/local`;

/** CreateTable, GetTable, GetTables, UpdateTable, DeleteTable. */
export const tableOperations: GlueOperations = {
  CreateTable: writing((input, { store }) => {
    const databaseName = catalogName(requiredString(input, 'DatabaseName'));
    requireDatabase(store.state, databaseName);
    const definition = readTableInput(requiredObject(input, 'TableInput'));
    if (findTable(store.state, databaseName, definition.Name)) {
      throw alreadyExists('Table already exists.');
    }
    putNewTable(store.state, databaseName, definition, API_CALLER_ARN);
    return {};
  }),

  GetTable: reading((input, { store }) => {
    const databaseName = requiredString(input, 'DatabaseName');
    const name = requiredString(input, 'Name');
    return { Table: requireTable(store.state, databaseName, name) };
  }),

  GetTables: reading((input, { store }) => {
    const databaseName = catalogName(requiredString(input, 'DatabaseName'));
    requireDatabase(store.state, databaseName);
    const matches = tableNameMatcher(optionalString(input, 'Expression'));
    const tables = [...(store.state.tables.get(databaseName)?.values() ?? [])]
      .filter((table) => matches(table.Name))
      .sort(byName((t) => t.Name));
    const page = pageOf(tables, (t) => t.Name, {
      maxResults: optionalInteger(input, 'MaxResults', { min: 1, max: 100 }),
      nextToken: optionalString(input, 'NextToken'),
      defaultMax: 100,
    });
    return { TableList: page.items, NextToken: page.nextToken };
  }),

  UpdateTable: writing((input, { store }) => {
    const databaseName = catalogName(requiredString(input, 'DatabaseName'));
    requireDatabase(store.state, databaseName);
    const definition = readTableInput(requiredObject(input, 'TableInput'));
    const current = requireTable(store.state, databaseName, definition.Name);
    const expectedVersion = optionalString(input, 'VersionId');
    if (expectedVersion !== undefined && expectedVersion !== current.VersionId) {
      throw new GlueServiceError(
        'ConcurrentModificationException',
        `Table ${databaseName}.${current.Name} is at VersionId ${current.VersionId}, not ${expectedVersion}: it changed since it was read.`,
      );
    }
    replaceTableDefinition(store.state, current, definition);
    return {};
  }),

  DeleteTable: writing((input, { store }) => {
    const databaseName = catalogName(requiredString(input, 'DatabaseName'));
    requireDatabase(store.state, databaseName);
    const table = requireTable(store.state, databaseName, requiredString(input, 'Name'));
    store.state.tables.get(databaseName)?.delete(table.Name);
    store.state.partitions.get(databaseName)?.delete(table.Name);
    return {};
  }),
};

export function findTable(
  state: CatalogState,
  databaseName: string,
  name: string,
): GlueTable | undefined {
  return state.tables.get(catalogName(databaseName))?.get(catalogName(name));
}

export function requireTable(state: CatalogState, databaseName: string, name: string): GlueTable {
  requireDatabase(state, databaseName);
  const table = findTable(state, databaseName, name);
  if (!table) throw entityNotFound(`Table ${name} not found.`);
  return table;
}

/** Adds a table at VersionId 0, the way Glue records a new table. */
export function putNewTable(
  state: CatalogState,
  databaseName: string,
  definition: TableDefinition,
  createdBy: string,
): GlueTable {
  const now = nowEpochSeconds();
  const table: GlueTable = {
    ...definition,
    DatabaseName: databaseName,
    CreateTime: now,
    UpdateTime: now,
    Retention: definition.Retention ?? 0,
    CreatedBy: createdBy,
    IsRegisteredWithLakeFormation: false,
    CatalogId: LOCAL_CATALOG_ID,
    VersionId: '0',
  };
  innerMap(state.tables, databaseName).set(table.Name, table);
  return table;
}

/** UpdateTable replaces the whole definition; what Glue keeps is kept, and the version moves. */
export function replaceTableDefinition(
  state: CatalogState,
  current: GlueTable,
  definition: TableDefinition,
): GlueTable {
  const updated: GlueTable = {
    ...definition,
    Retention: definition.Retention ?? 0,
    DatabaseName: current.DatabaseName,
    CreateTime: current.CreateTime,
    UpdateTime: nowEpochSeconds(),
    CreatedBy: current.CreatedBy,
    IsRegisteredWithLakeFormation: current.IsRegisteredWithLakeFormation,
    CatalogId: current.CatalogId,
    VersionId: String(Number(current.VersionId) + 1),
  };
  state.tables.get(current.DatabaseName)?.set(current.Name, updated);
  return updated;
}
