/** Where a file of a table lives: in place, archived (superseded) or as original bytes. */
export const tablePaths = {
  prefix: (table: string) => `${table}/`,
  inPlace: (table: string, fileName: string) => `${table}/${fileName}`,
  archivePrefix: (table: string) => `_archive/${table}/`,
  archived: (table: string, fileName: string) => `_archive/${table}/${fileName}`,
  raw: (table: string, fileName: string) => `_raw/${table}/${fileName}`,
  /**
   * Where an object goes when a different upload of the same name replaces it: beside
   * itself under _archive/ or _raw/, in the archive when it was in place, its name stamped
   * (`school_info.csv` → `school_info.20250901T101500.123Z-1a2b3c4d.csv`: when it was filed, its ETag).
   */
  replaced: (key: string, stamp: string) => {
    const inPlace = !key.startsWith('_archive/') && !key.startsWith('_raw/');
    const folderAndName = inPlace ? `_archive/${key}` : key;
    const dot = folderAndName.lastIndexOf('.');
    const cut = dot > folderAndName.lastIndexOf('/') ? dot : folderAndName.length;
    return `${folderAndName.slice(0, cut)}.${stamp}${folderAndName.slice(cut)}`;
  },
};
