import { EntityNotFoundException, type GlueClient, paginateGetTables } from '@aws-sdk/client-glue';
import { recordOf } from '../../shared/config/own-entry.js';

export interface CatalogTableView {
  location?: string;
  serde?: string;
  parameters: Record<string, string>;
  columns: { name: string; type: string; comment?: string }[];
}

/** The catalog's tables as the run report shows them; an absent database has none. */
export async function catalogTables(
  glue: GlueClient,
  database: string,
): Promise<Record<string, CatalogTableView>> {
  const tables: [string, CatalogTableView][] = [];
  try {
    for await (const page of paginateGetTables({ client: glue }, { DatabaseName: database })) {
      for (const table of page.TableList ?? []) {
        if (!table.Name) continue;
        tables.push([
          table.Name,
          {
            location: table.StorageDescriptor?.Location,
            serde: table.StorageDescriptor?.SerdeInfo?.SerializationLibrary,
            parameters: { ...table.Parameters, ...table.StorageDescriptor?.SerdeInfo?.Parameters },
            columns: (table.StorageDescriptor?.Columns ?? []).map((c) => ({
              name: c.Name ?? '',
              type: c.Type ?? '',
              ...(c.Comment === undefined ? {} : { comment: c.Comment }),
            })),
          },
        ]);
      }
    }
  } catch (error) {
    if (!(error instanceof EntityNotFoundException)) throw error;
  }
  // Table names come from the data: `__proto__` must stay a key, not a prototype.
  return recordOf(tables);
}
