/**
 * `npm run build`'s last step: the console page into dist/local/console/web/, its script
 * bundled once here so `local up` from dist serves it without esbuild.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { bundleConsoleScript } from '../local/console/console-assets.js';

const source = new URL('../local/console/web/', import.meta.url);
const target = new URL('../dist/local/console/web/', import.meta.url);

await mkdir(target, { recursive: true });
await writeFile(new URL('console.js', target), await bundleConsoleScript());
for (const name of ['index.html', 'console.css']) {
  await copyFile(new URL(name, source), new URL(name, target));
}
