import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The console page as `local up` serves it: /, /console.js, /console.css. */
export interface ConsoleAssets {
  html: string;
  js: string;
  css: string;
}

/** local/console/web/ in the source, dist/local/console/web/ once built. */
const WEB = new URL('./web/', import.meta.url);

/**
 * From the source (tests, tsx) the page's script is bundled now, in memory; from dist it is
 * the console.js `npm run build` wrote (scripts/build-console.ts), so an installed CLI never
 * needs esbuild, a devDependency.
 */
export async function loadConsoleAssets(): Promise<ConsoleAssets> {
  const fromSource = import.meta.url.endsWith('.ts');
  const [html, css, js] = await Promise.all([
    readWebFile('index.html'),
    readWebFile('console.css'),
    fromSource ? bundleConsoleScript() : readWebFile('console.js'),
  ]);
  return { html, js, css };
}

/** The page's TypeScript (local/console/web/main.ts and what it imports) as one script. */
export async function bundleConsoleScript(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('main.ts', WEB))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no console.js');
  return output.text;
}

function readWebFile(name: string): Promise<string> {
  return readFile(new URL(name, WEB), 'utf8');
}
