/**
 * `npm run screenshots`: the README's two pictures of the console, made from the demo's data.
 * samples/ go through a local stack with the team's configuration and `--load replace` (as
 * `npm run demo`), its console opens in headless Chromium (/usr/bin/chromium) at 1280×800, and
 * the execution view of MEMBER (the CP949 file, Korean headers) and the tables view are written
 * to docs/. Hangul needs a Korean font on the machine (fonts-nanum or fonts-noto-cjk).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ExitCode } from '../cli/exit-code.js';
import { DEFAULT_BUCKET } from '../cli/local-stack-options.js';
import { openLocalStack } from '../cli/open-local-stack.js';
import { loadConsoleAssets } from '../local/console/console-assets.js';
import { startConsoleServer } from '../local/console/control-server.js';
import { collectFiles } from '../local/stack/collect-csv-files.js';
import { buildRunReport } from '../local/stack/run-report.js';
import { uploadToBucketRoot } from '../local/stack/upload-file.js';
import { LOCAL_MYSQL_URL } from '../shared/mysql/local-mysql-url.js';
import { describeMysqlSettings, mysqlSettingsFromUrl } from '../shared/mysql/mysql-settings.js';
import { openMysql } from '../shared/mysql/open-mysql.js';
import { launchChromium } from '../test/console/chromium.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHOWN_FILE = 'MEMBER_202508291511.csv';
const SHOWN_STATE = 'LoadRows';

const work = await mkdtemp(join(tmpdir(), 'csv-catalog-screenshots-'));
// The header shows the folder as a user gives it: `.csv-catalog`, relative to here.
process.chdir(work);
const dir = '.csv-catalog';
const mysqlUrl = process.env.MYSQL_URL ?? LOCAL_MYSQL_URL;
const ddlOut = (await mysqlAnswers(mysqlUrl)) ? undefined : join(work, 'ddl');
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
const { stack, config, mysql } = await openLocalStack(
  {
    dir,
    bucket: DEFAULT_BUCKET,
    s3Port: 0,
    gluePort: 0,
    mysqlUrl,
    // As `npm run demo` runs: the team's configuration, the rows loaded.
    config: join(ROOT, 'csv-catalog.config.yml'),
    load: 'replace',
    ddlOut,
  },
  { stdout: quiet, stderr: process.stderr, exitCode: ExitCode.Ok },
);
const consoleServer = await startConsoleServer({
  stack,
  config,
  mysql,
  dir,
  port: 0,
  ...(ddlOut ? { ddlOut } : {}),
  assets: await loadConsoleAssets(),
});
const browser = await launchChromium();
try {
  const uploads = [];
  for (const file of await collectFiles([join(ROOT, 'samples')])) {
    uploads.push({ file, key: await uploadToBucketRoot(stack.s3, stack.bucket, file) });
  }
  const report = await buildRunReport(stack, uploads, {
    glue: config.glue.database,
    mysql,
    ddlOut,
  });
  const shown = report.executions.find((e) => e.file.endsWith(SHOWN_FILE))?.execution;
  if (!shown) throw new Error(`no execution for ${SHOWN_FILE}`);

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${consoleServer.url}#/executions/${encodeURIComponent(shown)}`);
  await page.locator(`.state[data-state="${SHOWN_STATE}"] button`).click();
  await page.locator(`#state-panel[data-state="${SHOWN_STATE}"] .block`).first().waitFor();
  await page.screenshot({ path: join(ROOT, 'docs/console-execution.png') });

  await page.goto(`${consoleServer.url}#/tables`);
  const tables = Object.keys(report.catalog.tables).length;
  await page
    .locator('#tables tbody tr')
    .nth(tables - 1)
    .waitFor();
  await page.screenshot({ path: join(ROOT, 'docs/console-tables.png') });
  process.stdout.write('wrote docs/console-execution.png and docs/console-tables.png\n');
} finally {
  await browser.close();
  await consoleServer.close();
  await stack.close();
  process.chdir(ROOT);
  await rm(work, { recursive: true, force: true });
}

async function mysqlAnswers(url: string): Promise<boolean> {
  const settings = mysqlSettingsFromUrl(url);
  try {
    await (await openMysql(settings)).end();
    return true;
  } catch {
    // describeMysqlSettings never shows a password.
    process.stderr.write(
      `MySQL at ${describeMysqlSettings(settings)} does not answer: the DDL goes to files instead\n`,
    );
    return false;
  }
}
