// Preloaded with `node --import`: appends every module the process loads to the file named by
// MODULE_LOG, one URL a line — ES modules from a load hook (which runs on the loader's own
// thread), CommonJS ones from require's cache at exit — so that a test can assert what a
// command does not load. Plain JavaScript: the hook thread loads it before any transpiler.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const log = process.env.MODULE_LOG;

if (isMainThread && log) {
  register(import.meta.url);
  process.on('exit', () => {
    const required = Object.keys(createRequire(import.meta.url).cache);
    appendFileSync(log, required.map((path) => `${pathToFileURL(path)}\n`).join(''));
  });
}

export async function load(url, context, nextLoad) {
  if (log) appendFileSync(log, `${url}\n`);
  return nextLoad(url, context);
}
