import type { ConsoleAssets } from './console-assets.js';

/**
 * A page for a server started without the console's assets (tests of the API alone): it
 * names the API, so the address printed by `local up` never answers with nothing.
 */
export const MINIMAL_CONSOLE_ASSETS: ConsoleAssets = {
  html: `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>csv-catalog console</title>
    <link rel="stylesheet" href="/console.css" />
  </head>
  <body>
    <h1>csv-catalog</h1>
    <p>The control API answers under <a href="/api/executions">/api/executions</a>.</p>
  </body>
</html>
`,
  js: '',
  css: 'body { font-family: sans-serif; margin: 2rem; }\n',
};
