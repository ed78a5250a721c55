import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The csv-catalog package's folder, from source (tsx) or built (dist/) code alike. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'csv-catalog')
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the csv-catalog package folder');
    dir = parent;
  }
}
