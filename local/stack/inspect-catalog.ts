import { EntityNotFoundException, type GlueClient, paginateGetTables } from '@aws-sdk/client-glue';

export interface CatalogTableView {
  location?: string;
  serde?: string;
  parameters: Record<string, string>;
  columns: { name: string; type: string }[];
}

/** The catalog's tables as the run report shows them; an absent database has none. */
export async function catalogTables(
  glue: GlueClient,
  database: string,
): Promise<Record<string, CatalogTableView>> {
  const tables: Record<string, CatalogTableView> = {};
  try {
    for await (const page of paginateGetTables({ client: glue }, { DatabaseName: database })) {
      for (const table of page.TableList ?? []) {
        if (!table.Name) continue;
        tables[table.Name] = {
          location: table.StorageDescriptor?.Location,
          serde: table.StorageDescriptor?.SerdeInfo?.SerializationLibrary,
          parameters: { ...table.Parameters, ...table.StorageDescriptor?.SerdeInfo?.Parameters },
          columns: (table.StorageDescriptor?.Columns ?? []).map((c) => ({
            name: c.Name ?? '',
            type: c.Type ?? '',
          })),
        };
      }
    }
  } catch (error) {
    if (!(error instanceof EntityNotFoundException)) throw error;
  }
  return tables;
}
