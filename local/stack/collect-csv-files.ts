import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The files to upload: each path as given, or every file directly inside a folder, sorted. */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true });
    files.push(
      ...entries
        .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name !== 'README.md')
        .map((e) => join(path, e.name))
        .sort(),
    );
  }
  return files;
}
