/** Where a file of a table lives: in place, archived (superseded) or as original bytes. */
export const tablePaths = {
  prefix: (table: string) => `${table}/`,
  inPlace: (table: string, fileName: string) => `${table}/${fileName}`,
  archivePrefix: (table: string) => `_archive/${table}/`,
  archived: (table: string, fileName: string) => `_archive/${table}/${fileName}`,
  raw: (table: string, fileName: string) => `_raw/${table}/${fileName}`,
};
