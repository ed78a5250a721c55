import type { CatalogState } from '../catalog-model.js';
import { type GlueDatabase, LOCAL_CATALOG_ID, nowEpochSeconds } from '../catalog-model.js';
import { alreadyExists, entityNotFound } from '../glue-errors.js';
import { type GlueOperations, reading, writing } from '../glue-operation.js';
import {
  catalogName,
  optionalInteger,
  optionalString,
  optionalStringMap,
  requiredObject,
  requiredString,
} from '../input-checks.js';
import { byName, pageOf } from '../paging.js';

/** CreateDatabase, GetDatabase, GetDatabases, DeleteDatabase. */
export const databaseOperations: GlueOperations = {
  CreateDatabase: writing((input, { store }) => {
    const databaseInput = requiredObject(input, 'DatabaseInput');
    const name = catalogName(requiredString(databaseInput, 'Name', 'databaseInput.name'));
    if (store.state.databases.has(name)) throw alreadyExists('Database already exists.');
    store.state.databases.set(
      name,
      newDatabase(name, {
        Description: optionalString(databaseInput, 'Description'),
        LocationUri: optionalString(databaseInput, 'LocationUri'),
        Parameters: optionalStringMap(databaseInput, 'Parameters'),
      }),
    );
    return {};
  }),

  GetDatabase: reading((input, { store }) => {
    const name = requiredString(input, 'Name');
    return { Database: requireDatabase(store.state, name) };
  }),

  GetDatabases: reading((input, { store }) => {
    const all = [...store.state.databases.values()].sort(byName((d) => d.Name));
    const page = pageOf(all, (d) => d.Name, {
      maxResults: optionalInteger(input, 'MaxResults', { min: 1, max: 1000 }),
      nextToken: optionalString(input, 'NextToken'),
      defaultMax: 100,
    });
    return { DatabaseList: page.items, NextToken: page.nextToken };
  }),

  DeleteDatabase: writing((input, { store }) => {
    const name = catalogName(requiredString(input, 'Name'));
    requireDatabase(store.state, name);
    store.state.databases.delete(name);
    store.state.tables.delete(name);
    store.state.partitions.delete(name);
    return {};
  }),
};

export function newDatabase(
  name: string,
  details: Pick<GlueDatabase, 'Description' | 'LocationUri' | 'Parameters'> = {},
): GlueDatabase {
  return {
    Name: name,
    ...details,
    Parameters: details.Parameters ?? {},
    CreateTime: nowEpochSeconds(),
    // What Glue returns for a database created outside Lake Formation.
    CreateTableDefaultPermissions: [
      {
        Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' },
        Permissions: ['ALL'],
      },
    ],
    CatalogId: LOCAL_CATALOG_ID,
  };
}

export function requireDatabase(state: CatalogState, name: string): GlueDatabase {
  const database = state.databases.get(catalogName(name));
  if (!database) throw entityNotFound(`Database ${name} not found.`);
  return database;
}
