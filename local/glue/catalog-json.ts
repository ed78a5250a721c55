import {
  type CatalogState,
  emptyCatalogState,
  type GlueCsvClassifier,
  type GlueDatabase,
  type GluePartition,
  type GlueTable,
  type StoredCrawler,
} from './catalog-model.js';

/**
 * The catalog file's JSON document (format 1): the indexes of CatalogState as nested objects,
 * `{"databases": {"<name>": {…}}, "tables": {"<database>": {"<table>": {…}}}, …}`. Names from
 * the data are keys of those objects, so objects are built with Object.fromEntries (a
 * `__proto__` key stays a key, and JSON.stringify writes it) and read with Object.entries
 * (JSON.parse makes `__proto__` an own key): no name ever reaches Object.prototype.
 */
export interface CatalogDocument {
  formatVersion: 1;
  databases: Record<string, GlueDatabase>;
  tables: Record<string, Record<string, GlueTable>>;
  partitions: Record<string, Record<string, Record<string, GluePartition>>>;
  crawlers: Record<string, StoredCrawler>;
  classifiers: Record<string, GlueCsvClassifier>;
}

export function catalogDocument(state: CatalogState): CatalogDocument {
  return {
    formatVersion: 1,
    databases: objectOf(state.databases, (database) => database),
    tables: objectOf(state.tables, (tables) => objectOf(tables, (table) => table)),
    partitions: objectOf(state.partitions, (tables) =>
      objectOf(tables, (partitions) => objectOf(partitions, (partition) => partition)),
    ),
    crawlers: objectOf(state.crawlers, (crawler) => crawler),
    classifiers: objectOf(state.classifiers, (classifier) => classifier),
  };
}

/** The state a parsed document holds; a member absent from an older file is empty. */
export function catalogStateOf(document: Partial<CatalogDocument>, file: string): CatalogState {
  const state = emptyCatalogState();
  const member = <T>(name: keyof CatalogDocument): [string, T][] => {
    const value: unknown = document[name];
    if (value === undefined) return [];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${file}: "${name}" must be an object keyed by name`);
    }
    return Object.entries(value as Record<string, T>);
  };
  state.databases = new Map(member<GlueDatabase>('databases'));
  state.tables = new Map(
    member<Record<string, GlueTable>>('tables').map(([database, tables]) => [
      database,
      new Map(Object.entries(tables)),
    ]),
  );
  state.partitions = new Map(
    member<Record<string, Record<string, GluePartition>>>('partitions').map(
      ([database, tables]) => [
        database,
        new Map(
          Object.entries(tables).map(([table, partitions]) => [
            table,
            new Map(Object.entries(partitions)),
          ]),
        ),
      ],
    ),
  );
  state.crawlers = new Map(member<StoredCrawler>('crawlers'));
  state.classifiers = new Map(member<GlueCsvClassifier>('classifiers'));
  return state;
}

function objectOf<V, T>(map: ReadonlyMap<string, V>, value: (item: V) => T): Record<string, T> {
  return Object.fromEntries([...map].map(([key, item]) => [key, value(item)]));
}
