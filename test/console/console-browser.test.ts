import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionDetail } from '../../local/console/console-api.js';
import { loadConsoleAssets } from '../../local/console/console-assets.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { loadRows } from '../../shared/mysql/load-rows.js';
import { openMysql } from '../../shared/mysql/open-mysql.js';
import { BUCKET } from '../local/local-test-support.js';
import { launchChromium } from './chromium.js';
import { consoleApi, endedExecutionOf, eventually } from './console-api-client.js';
import { type ConsoleStack, startConsoleStack } from './console-stack.js';

/**
 * Issue [10/10]: the console in a real browser (Debian's Chromium) over a real local stack
 * (s3rver, the Glue endpoint, the workflow runner) and MariaDB behind a relay the test can take
 * down. Files are dropped with the S3 SDK as a user's `aws s3 cp` would; every wait is on the
 * page's DOM or the stack's API, never on time.
 */
let world: ConsoleStack;
let browser: Browser;
let page: Page;
let api: ReturnType<typeof consoleApi>;

// What the page-side callbacks below use in Chromium; the tests' tsconfig has Node's types only.
declare const window: { innerWidth: number };
declare const location: { hash: string };
declare const document: {
  documentElement: { scrollWidth: number };
  querySelector(selector: string): { scrollWidth: number; clientWidth: number } | null;
};
declare function getComputedStyle(element: unknown): { borderLeftColor: string };

const REBOUND = 'rebound.example';

/** Set on the page once: still there means the page never reloaded. */
const MARKER = 'consoleTestNeverReloaded';

beforeAll(async () => {
  world = await startConsoleStack({ assets: await loadConsoleAssets() });
  api = consoleApi(world.console);
  // A name that resolves to loopback, as a DNS-rebinding site's name would after its first
  // answer: the browser then sends that name as the Host.
  browser = await launchChromium([`--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`]);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(world.console.url);
  await page.locator('#live', { hasText: 'Live' }).waitFor();
  await page.evaluate((marker) => Object.assign(window, { [marker]: true }), MARKER);
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

/** Same-document navigation, as a link on the page does. */
async function openHash(hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

async function neverReloaded(): Promise<boolean> {
  return page.evaluate((marker) => Object.hasOwn(window, marker), MARKER);
}

/** As `aws s3 cp FILE s3://csv-catalog-local/`: a PutObject at the bucket root. */
async function drop(key: string, body: string | Uint8Array): Promise<void> {
  await world.stack.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

async function detail(name: string): Promise<ExecutionDetail> {
  const answer = await api.get<ExecutionDetail>(`/api/executions/${encodeURIComponent(name)}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

const executionRow = (file: string) => page.locator('#executions tbody tr', { hasText: file });
const stateItem = (state: string) => page.locator(`.graph .state[data-state="${state}"]`);

interface ListedRow {
  status: string;
  table: string;
  file: string;
}

/** The executions list once it shows at least one row and `done` holds for its rows. */
async function listed(done: (rows: ListedRow[]) => boolean): Promise<ListedRow[]> {
  const read = () =>
    page.locator('#executions tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        status: row.getAttribute('data-status') ?? '',
        table: row.querySelector('td[data-label="Table"]')?.textContent ?? '',
        file: row.querySelector('td.file')?.textContent ?? '',
      })),
    );
  return eventually(async () => {
    const rows = await read();
    return rows.length > 0 && done(rows) ? rows : undefined;
  }, 'the executions list as filtered');
}

describe('the console in a browser', () => {
  it('shows a dropped CP949 file with a Korean name appear and turn Succeeded without a reload', async () => {
    // Prepare: the executions view, loaded and listening, before anything is dropped
    await openHash('#/executions');
    await page.locator('.executions .note', { hasText: 'Nothing yet' }).waitFor();
    const file = '학생명부_202509011200.csv';
    const body = iconv.encode(
      '번호,이름,주소\n1,김민준,서울\n2,이서연,부산\n3,똠방각하,대구\n',
      'cp949',
    );

    // Act
    await drop(file, body);

    // Assess: the row came by the event stream, then turned Succeeded in place
    const row = executionRow(file);
    await row.waitFor();
    await page
      .locator('#executions tbody tr[data-status="SUCCEEDED"]', { hasText: file })
      .waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('학생명부');
    expect(await row.locator('td.file').textContent()).toBe(`학생명부/${file}`);
    // The CP949 header read as Korean all the way to MySQL
    expect((await world.mysql.database.columns('학생명부')).map((c) => c.name)).toEqual([
      '번호',
      '이름',
      '주소',
    ]);
    expect(await row.locator('.status').textContent()).toBe('Succeeded');
    expect(await neverReloaded()).toBe(true);
  });

  it('shows SyncRdsDdl red with its cause while MySQL is away, and a redrive that finishes without running the earlier states again', async () => {
    // Prepare: MySQL unreachable, a file dropped, its failed row opened with the keyboard
    await openHash('#/executions');
    await world.mysql.relay.down();
    const file = '성적_202509011200.csv';
    await drop(file, '학번,과목,점수\n20250001,국어,95\n20250002,수학,88\n');
    const failedRow = page.locator('#executions tbody tr[data-status="FAILED"]', { hasText: file });
    await failedRow.waitFor();
    await failedRow.focus();
    await page.keyboard.press('Enter');
    const syncRdsDdl = stateItem('SyncRdsDdl');
    await page.locator('.graph .state[data-state="SyncRdsDdl"][data-status="FAILED"]').waitFor();
    const name = decodeURIComponent(new URL(page.url()).hash.replace('#/executions/', ''));
    const before = await detail(name);
    const earlier = before.states.slice(
      0,
      before.states.findIndex((s) => s.name === 'SyncRdsDdl'),
    );
    const graphCountsBefore = await page
      .locator('.graph .state')
      .evaluateAll((items) =>
        items.map((item) => [item.getAttribute('data-state'), item.getAttribute('data-entered')]),
      );
    const cause = await page
      .locator('#state-panel[data-state="SyncRdsDdl"] .block[data-label="Cause"] pre')
      .textContent();
    const red = await syncRdsDdl.evaluate((item) => getComputedStyle(item).borderLeftColor);
    const redrive = page.locator('#redrive');
    const enabledBefore = await redrive.isEnabled();
    const reasonBefore = await page.locator('#redrive-reason').textContent();

    // Act: MySQL back, Redrive clicked on the same running stack
    await world.mysql.relay.up();
    await redrive.click();
    await page.locator('.summary[data-status="SUCCEEDED"]').waitFor();
    await page.locator('.graph .state[data-state="SyncRdsDdl"][data-status="SUCCEEDED"]').waitFor();

    // Assess: failed at SyncRdsDdl, shown red with the unreachable MySQL as its cause
    expect(before.execution).toMatchObject({ status: 'FAILED', failure: { state: 'SyncRdsDdl' } });
    expect(red).toBe('rgb(198, 40, 40)');
    expect(await syncRdsDdl.locator('.status').count()).toBe(1);
    expect(cause).toContain(String(world.mysql.relay.port));
    expect(enabledBefore).toBe(true);
    expect(reasonBefore).toContain('SyncRdsDdl');
    // The redrive ran SyncRdsDdl again and nothing before it
    const after = await detail(name);
    expect(after.execution).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(earlier.filter((s) => s.entered > 0).map((s) => s.name)).toContain('CoerceSchema');
    for (const state of earlier) {
      expect(after.states.find((s) => s.name === state.name)?.entered, state.name).toBe(
        state.entered,
      );
    }
    expect(after.states.find((s) => s.name === 'SyncRdsDdl')?.status).toBe('SUCCEEDED');
    const graphCountsAfter = await page
      .locator('.graph .state')
      .evaluateAll((items) =>
        items.map((item) => [item.getAttribute('data-state'), item.getAttribute('data-entered')]),
      );
    const earlierNames = new Set(earlier.map((s) => s.name));
    expect(graphCountsAfter.filter(([state]) => earlierNames.has(state ?? ''))).toEqual(
      graphCountsBefore.filter(([state]) => earlierNames.has(state ?? '')),
    );
    expect(await page.locator('.summary').textContent()).toContain('Redrives1');
    // The history drawn as it grew lists every event once, in order, the redrive's included.
    const historyIds = await eventually(async () => {
      const ids = await page
        .locator('#history tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
      return ids.length === after.events.length ? ids : undefined;
    }, 'the history shows every event');
    expect(historyIds).toEqual(after.events.map((e) => String(e.id)));
    expect(await redrive.isVisible()).toBe(false);
    expect((await world.mysql.database.columns('성적')).map((c) => c.name)).toEqual([
      '학번',
      '과목',
      '점수',
    ]);
    expect(await neverReloaded()).toBe(true);
  });

  it('disables Redrive with the reason when the execution ended at a Fail state', async () => {
    // Prepare: a file of another header put by hand beside the table's files: the crawler
    // cannot make one table of them and the execution ends at CrawlerFailed
    const table = '출석부';
    await world.stack.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${table}/옛 자료/${table}_202401010000.csv`,
        Body: '번호,메모\n0,전학\n',
      }),
    );
    await drop(`${table}_202509011200.csv`, '번호,이름,출석\n1,김민준,Y\n');
    const failed = await endedExecutionOf(api, table);

    // Act
    await openHash(`#/executions/${encodeURIComponent(failed.name)}`);
    await page.locator('.graph .state[data-state="CrawlerFailed"][data-status="FAILED"]').waitFor();

    // Assess
    expect(failed).toMatchObject({ status: 'FAILED', redrive: { possible: false } });
    const redrive = page.locator('#redrive');
    expect(await redrive.isVisible()).toBe(true);
    expect(await redrive.isDisabled()).toBe(true);
    const reason = await page.locator('#redrive-reason').textContent();
    expect(reason).toContain('a Fail state');
    expect(reason).toContain(`sync --table ${table}`);
    expect(failed.redrive.possible ? '' : failed.redrive.reason).toBe(reason);
  });

  it('shows a file filing refused, with its reason, live; the filters keep to a status and a table, and Back undoes them', async () => {
    // Prepare: the whole list, then a file no naming rule gives a table
    await openHash('#/executions');
    await page.locator('#executions tbody tr').first().waitFor();
    const refused = '!!!_20250901.csv';

    // Act
    await drop(refused, '학번,이름\n1,김민준\n');
    const refusedRow = page.locator('#executions tbody tr[data-status="REFUSED"]', {
      hasText: refused,
    });
    await refusedRow.waitFor();
    const reason = await refusedRow.locator('.reason').textContent();
    await page.locator('#filter-status').selectOption('REFUSED');
    const refusedOnly = await listed((rows) => rows.every((r) => r.status === 'REFUSED'));
    await page.goBack();
    const all = await listed((rows) => rows.some((r) => r.status !== 'REFUSED'));
    await page.locator('#filter-table').selectOption('학생명부');
    const tableOnly = await listed((rows) => rows.every((r) => r.table === '학생명부'));

    // Assess
    expect(reason).toMatch(/^!!!_20250901\.csv: .*naming rule/);
    expect(refusedOnly.map((r) => r.file)).toContain(refused);
    expect(all.map((r) => r.status)).toEqual(expect.arrayContaining(['REFUSED', 'SUCCEEDED']));
    expect(tableOnly.map((r) => r.status)).toEqual(['SUCCEEDED']);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe('#/executions?table=학생명부');
    expect(await neverReloaded()).toBe(true);
  });

  it('lists the tables with their columns side by side, and Sync starts an execution shown by its link', async () => {
    // Prepare: a table of its own, catalogued and in MySQL
    const table = '교사';
    await drop(`${table}_202509011200.csv`, '교번,이름,담당 과목\nT1,박지훈,국어\n');
    const first = await endedExecutionOf(api, table);
    await page.locator('nav a', { hasText: 'Tables' }).click();
    const line = page.locator(`#tables tbody tr[data-table="${table}"]`);
    await line.waitFor();

    // Act
    await line.getByRole('button', { name: `Sync ${table}` }).click();
    const started = line.locator('.sync-result a');
    await started.waitFor();
    const startedName = await started.textContent();
    await started.click();
    await page.locator('.summary[data-status="SUCCEEDED"]').waitFor();

    // Assess: the line says what csv-catalog tables says
    expect(first.status).toBe('SUCCEEDED');
    expect(startedName).not.toBe(first.name);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/executions/${startedName}`);
    await openHash('#/tables');
    await line.waitFor();
    const cells = await line.locator('td').allTextContents();
    // The default configuration keeps rds.load off: the MySQL table is made, no row loaded.
    expect(cells.slice(0, 3)).toEqual([`${table}_202509011200.csv`, '1', '0']);
    expect(await line.locator('td.file').getAttribute('title')).toBe(
      `${table}/${table}_202509011200.csv`,
    );
    const columns = page.locator(`details[data-table="${table}"] tbody tr`);
    const pairs = await columns.evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)),
    );
    expect(pairs).toEqual([
      ['교번', 'string', '', '교번', expect.stringMatching(/^varchar\(\d+\)$/), ''],
      ['이름', 'string', '', '이름', expect.stringMatching(/^varchar\(\d+\)$/), ''],
      [
        '담당_과목',
        'string',
        '담당 과목',
        '담당_과목',
        expect.stringMatching(/^varchar\(\d+\)$/),
        '담당 과목',
      ],
    ]);
  });

  it('names in the Tables view a load begun and not finished, and the staging table its rows wait in', async () => {
    // Prepare: a table catalogued and in MySQL, then the first chunk of a load of its file, as
    // a LoadRows that MySQL left after one chunk would leave it
    const table = '시간표';
    const lines = ['학번,날짜,출석'];
    for (let i = 1; i <= 40; i++) lines.push(`${i},2025-09-01,"출석 ${i}"`);
    await drop(`${table}_202509011400.csv`, `${lines.join('\n')}\n`);
    const ended = await endedExecutionOf(api, table);
    const key = `${table}/${table}_202509011400.csv`;
    const connection = await openMysql(world.mysql.settings);
    try {
      const first = await loadRows(
        {
          database: world.mysql.settings.database,
          table,
          key,
          snapshot: '202509011400',
          delimiter: ',',
          quote: '"',
          mode: 'replace',
          emptyAs: 'null',
          maxShrink: 0.5,
          fields: ['학번', '날짜', '출석'],
          chunkBytes: 200,
        },
        { connection, store: new S3ObjectStore(world.stack.s3, BUCKET) },
      );
      expect(first.done).toBe(false);
    } finally {
      await connection.end();
    }

    // Act: the Tables view opened afresh (an earlier test may have left it open)
    await openHash('#/executions');
    await openHash('#/tables');
    const line = page.locator(`#tables tbody tr[data-table="${table}"]`);
    const note = line.locator('.problem', { hasText: 'Load not finished' });
    await note.waitFor();

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(await note.textContent()).toMatch(
      new RegExp(
        `^Load not finished: replace of ${key} \\(loading, 1 chunk, \\d+ rows so far, .*\\); rows wait in ${table}__load_[0-9a-f]{8}\\.`,
      ),
    );
  });

  it('goes on after the console restarts on its port with a new token: the open page syncs without a reload', async () => {
    // Prepare: a table of its own, the tables view open, then the console restarted under it
    const table = '강사';
    await drop(`${table}_202509011300.csv`, '강사번호,이름\nL1,최유진\n');
    await endedExecutionOf(api, table);
    await openHash('#/tables');
    const line = page.locator(`#tables tbody tr[data-table="${table}"]`);
    await line.waitFor();
    const oldToken = world.console.token;
    await world.restartConsole();

    // Act
    await line.getByRole('button', { name: `Sync ${table}` }).click();
    const started = line.locator('.sync-result a');
    await started.waitFor();
    const startedName = (await started.textContent()) ?? '';

    // Assess: a new token, the same page, an execution started in the stack
    expect(world.console.token).not.toBe(oldToken);
    expect(await neverReloaded()).toBe(true);
    expect((await detail(startedName)).execution.table).toBe(table);
  });

  it('refuses a page of another origin: its POST is answered 403 and starts nothing, the token stays unread', async () => {
    // Prepare: a page served on another loopback port, as a site in another tab
    const other = await servePage('<!doctype html><title>elsewhere</title>');
    const elsewhere = await browser.newPage();
    const before = (await api.rows()).length;
    try {
      await elsewhere.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const answered = elsewhere.waitForResponse((r) => r.url().endsWith('/api/sync'));

      // Act: a form-like POST (no preflight) and a JSON one with a made-up token
      const simple = await elsewhere.evaluate(async (url) => {
        await fetch(`${url}api/sync`, {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ all: true }),
        });
        return 'sent';
      }, world.console.url);
      const refusedStatus = (await answered).status();
      // A GET of the session is a "simple" request that Chromium sends without Origin: it is
      // refused by its Sec-Fetch-Site, and no CORS header would let the page read it anyway.
      const token = await elsewhere.evaluate(async (url) => {
        try {
          const response = await fetch(`${url}api/session`);
          return ((await response.json()) as { token?: string }).token ?? 'none';
        } catch {
          return 'unread';
        }
      }, world.console.url);
      const json = await elsewhere.evaluate(async (url) => {
        try {
          const response = await fetch(`${url}api/sync`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csv-catalog-token': 'guessed' },
            body: JSON.stringify({ all: true }),
          });
          return `answered ${response.status}`;
        } catch {
          return 'refused';
        }
      }, world.console.url);

      // Assess
      expect(simple).toBe('sent');
      expect(refusedStatus).toBe(403);
      expect(json).toBe('refused');
      expect(token).toBe('unread');
      const sessionAnswered = elsewhere.waitForResponse((r) => r.url().endsWith('/api/session'));
      await elsewhere.evaluate(async (url) => {
        await fetch(`${url}api/session`, { mode: 'no-cors' });
      }, world.console.url);
      expect((await sessionAnswered).status()).toBe(403);
      expect(await api.rows()).toHaveLength(before);
    } finally {
      await elsewhere.close();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('refuses a page reached by another name for 127.0.0.1 (DNS rebinding): 403, no page', async () => {
    // Prepare
    const rebound = await browser.newPage();
    const url = new URL(world.console.url);
    try {
      // Act
      const answer = await rebound.goto(`http://${REBOUND}:${url.port}/`);
      const session = await rebound.evaluate(async () => {
        const response = await fetch('/api/session');
        return { status: response.status, text: await response.text() };
      });

      // Assess
      expect(answer?.status()).toBe(403);
      expect(session.status).toBe(403);
      expect(session.text).not.toContain(world.console.token);
    } finally {
      await rebound.close();
    }
  });

  it('stays readable in a 420 px window: executions as cards, the tables list scrolling sideways', async () => {
    // Prepare
    await page.setViewportSize({ width: 420, height: 800 });
    const widths = () =>
      page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        window: window.innerWidth,
        list: document.querySelector('table.list')?.scrollWidth ?? 0,
        scroller: document.querySelector('.scroll')?.clientWidth ?? 0,
      }));

    // Act
    await openHash('#/executions');
    await page.locator('#executions tbody tr').first().waitFor();
    const executions = await widths();
    await page.locator('nav a', { hasText: 'Tables' }).click();
    await page.locator('#tables tbody tr').first().waitFor();
    const tables = await widths();
    await page.setViewportSize({ width: 1280, height: 800 });

    // Assess: nothing makes the page wider than the window
    expect(executions.page).toBeLessThanOrEqual(executions.window);
    expect(executions.list).toBeLessThanOrEqual(executions.scroller);
    expect(tables.page).toBeLessThanOrEqual(tables.window);
    expect(tables.list).toBeGreaterThan(tables.scroller);
  });
});

/** An HTTP server on a loopback port of its own that answers every request with `html`. */
async function servePage(html: string): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
