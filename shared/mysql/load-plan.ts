import type { CatalogColumn, TypeMapOverrides } from './catalog-column.js';
import type { FieldTarget } from './load-field-map.js';
import type { LoadIdentity } from './load-record.js';
import type { MirrorSettings } from './sync-table-ddl.js';

/** The catalog table SyncRdsDdl planned from, for widening through the same planner. */
export interface CatalogDefinition {
  columns: readonly CatalogColumn[];
  typeMap?: TypeMapOverrides;
  mirror?: MirrorSettings;
}

/** One load, resolved: the request plus what was read from S3 and MySQL before any row. */
export interface LoadPlan {
  id: LoadIdentity;
  database: string;
  table: string;
  key: string;
  eTag: string | undefined;
  delimiter: string;
  quote: string;
  lineBreak: '\n' | '\r\n';
  emptyAs: 'null' | 'empty';
  maxShrink: number;
  lockWaitSeconds: number;
  /** Final catalog name of each field, in file order. */
  fields: readonly string[];
  /** Where each field goes (load-field-map.ts). */
  targets: readonly FieldTarget[];
  /** The object's size in bytes. */
  size: number;
  /** Bytes per invocation; infinite: the rest of the file. */
  chunkBytes: number;
  catalog: CatalogDefinition | undefined;
  /** This load's staging table and the name the live table takes during the swap. */
  stage: string;
  old: string;
}
