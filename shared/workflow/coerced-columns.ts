import { CatalogTableMissing } from '../errors.js';
import type { GlueCatalog } from '../glue/glue-catalog.js';
import type { CatalogColumn } from '../mysql/catalog-column.js';

/** The catalog table's columns in catalog order, with the comments CoerceSchema set. */
export async function coercedColumns(
  catalog: GlueCatalog,
  database: string,
  table: string,
): Promise<CatalogColumn[]> {
  const found = await catalog.getTable(database, table);
  const columns = found?.StorageDescriptor?.Columns ?? [];
  if (!found || columns.length === 0) {
    throw new CatalogTableMissing(
      `table ${database}.${table} ${found ? 'has no columns' : 'is not in the catalog'}: CoerceSchema makes it; run \`csv-catalog sync --table ${table}\``,
    );
  }
  return columns.map((column) => ({
    name: column.Name ?? '',
    type: column.Type ?? 'string',
    ...(column.Comment ? { comment: column.Comment } : {}),
  }));
}
