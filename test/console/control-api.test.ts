import { PutObjectCommand } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiError,
  CONSOLE_TOKEN_HEADER,
  type ConsoleSession,
  type ExecutionDetail,
  type ExecutionRow,
  type RedriveAnswer,
  type StateMachineView,
  type SyncOutcome,
  type TableOverview,
} from '../../local/console/console-api.js';
import { startConsoleServer } from '../../local/console/control-server.js';
import { readStateMachine } from '../../local/workflow/state-machine-file.js';
import { loadConfig } from '../../shared/config/load-config.js';
import { BUCKET } from '../local/local-test-support.js';
import {
  consoleApi,
  endedExecutionOf,
  eventually,
  openEventStream,
  rawRequest,
} from './console-api-client.js';
import { type ConsoleStack, startConsoleStack } from './console-stack.js';

/** A roster in CP949, with 똠 (8C 63), a syllable only CP949 has, as Korean dumps have. */
const ROSTER = iconv.encode('학번,이름,반,비고\n0001,김똠이,1반,전학\n0002,이서연,2반,\n', 'cp949');
const ATTENDANCE = '학번,날짜,출결\n0001,2025-09-02,출석\n0002,2025-09-02,결석\n';

describe('the control API of a running local stack', () => {
  let world: ConsoleStack;
  let api: ReturnType<typeof consoleApi>;
  const drop = (key: string, body: string | Uint8Array) =>
    world.stack.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));

  beforeAll(async () => {
    world = await startConsoleStack();
    api = consoleApi(world.console);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('serves the session, the page and the state machine drawn from the ASL', async () => {
    // Act
    const session = await api.get<ConsoleSession>('/api/session');
    const page = await api.get<string>('/');
    const view = await api.get<StateMachineView>('/api/state-machine');
    const asl = await readStateMachine();

    // Assess
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      token: world.console.token,
      bucket: BUCKET,
      s3Endpoint: world.stack.s3Endpoint,
      glueEndpoint: world.stack.glueEndpoint,
      database: 'csv_catalog',
      mysql: `mysql://root@127.0.0.1:${world.mysql.relay.port}/${world.mysql.database.database}`,
      dir: world.dir,
      stateMachine: 'csv-catalog',
    });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe("default-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(view.body.file).toBe('statemachines/csv-catalog.asl.json');
    expect(view.body.startAt).toBe('CheckSnapshot');
    expect(view.body.states.map((s) => s.name).sort()).toEqual(Object.keys(asl.States).sort());
    expect(view.body.states.slice(0, 3).map((s) => s.name)).toEqual([
      'CheckSnapshot',
      'IsSnapshotSuperseded',
      'Superseded',
    ]);
    const byName = new Map(view.body.states.map((s) => [s.name, s]));
    expect(byName.get('IsSnapshotSuperseded')?.transitions).toEqual([
      { to: 'Superseded', label: '$.check.snapshot.superseded BooleanEquals true' },
      { to: 'EnsureCrawler', label: 'Default' },
    ]);
    expect(byName.get('DescribeCrawlFailure')?.transitions).toContainEqual({
      to: 'DescribeCrawlError',
      label: 'Catch States.ALL',
    });
    expect(byName.get('CrawlerFailed')).toMatchObject({ type: 'Fail', end: true, transitions: [] });
    expect(byName.get('Catalogued')).toMatchObject({ end: true });
  });

  it('streams a CP949 drop’s execution as it runs, and lists and details it once it succeeded', async () => {
    // Prepare
    const stream = await openEventStream(world.console);

    // Act
    await drop('학생명부_20250901.csv', ROSTER);
    const row = await endedExecutionOf(api, '학생명부');
    const seen = await eventually(
      async () =>
        stream.events.some(
          (e) =>
            e.type === 'execution' &&
            e.row.name === row.name &&
            e.event?.type === 'ExecutionSucceeded',
        )
          ? stream.events
          : undefined,
      'the stream carried the execution’s end',
    );
    stream.close();
    const detail = await api.get<ExecutionDetail>(
      `/api/executions/${encodeURIComponent(row.name)}`,
    );
    const polled = await api.get<ExecutionDetail>(
      `/api/executions/${encodeURIComponent(row.name)}?history=none`,
    );
    const badHistory = await api.get<ApiError>(
      `/api/executions/${encodeURIComponent(row.name)}?history=some`,
    );
    const tables = await api.get<{ tables: TableOverview[] }>(
      `/api/tables?table=${encodeURIComponent('학생명부')}`,
    );

    // Assess
    expect(stream.contentType).toBe('text/event-stream; charset=utf-8');
    expect(seen.find((e) => e.type === 'filed')).toEqual({
      type: 'filed',
      sourceKey: '학생명부_20250901.csv',
      table: '학생명부',
      execution: row.name,
    });
    const types = seen.flatMap((e) =>
      e.type === 'execution' && e.row.name === row.name ? [e.event?.type] : [],
    );
    expect(types[0]).toBe('ExecutionStarted');
    expect(types).toContain('StateEntered');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(row).toMatchObject({
      kind: 'execution',
      table: '학생명부',
      file: '학생명부/학생명부_20250901.csv',
      sourceKey: '학생명부_20250901.csv',
      status: 'SUCCEEDED',
      redriveCount: 0,
      redrive: {
        possible: false,
        reason: `${row.name} is SUCCEEDED: only a failed, aborted or timed-out execution can be redriven`,
      },
    });
    expect(detail.status).toBe(200);
    expect(detail.body.events.map((e) => e.id)).toEqual(detail.body.events.map((_, i) => i + 1));
    const state = (name: string) => detail.body.states.find((s) => s.name === name);
    expect(state('CheckSnapshot')).toMatchObject({ status: 'SUCCEEDED', entered: 1, retries: 0 });
    expect(state('SyncRdsDdl')?.output).toBeDefined();
    expect(state('Superseded')).toEqual({
      name: 'Superseded',
      status: 'NOT_RUN',
      entered: 0,
      retries: 0,
    });
    expect(detail.body.input).toMatchObject({ table: '학생명부', encoding: 'cp949' });
    // A poller's view: the same execution and states, no history.
    expect(detail.body.events.length).toBeGreaterThan(0);
    expect(polled.body).toEqual({ ...detail.body, events: [] });
    expect(badHistory.status).toBe(400);
    expect(tables.body.tables).toHaveLength(1);
    expect(tables.body.tables[0]).toMatchObject({
      table: '학생명부',
      file: { key: '학생명부/학생명부_20250901.csv', rows: 2 },
      // The MySQL table exists; loading rows is off by default.
      mysqlRows: 0,
      lastExecution: { name: row.name, status: 'SUCCEEDED' },
    });
    expect(tables.body.tables[0]?.columns.map((c) => c.catalog?.name)).toEqual([
      '학번',
      '이름',
      '반',
      '비고',
    ]);
  });

  it('lists a refused drop with its reason, and filters by status and table', async () => {
    // Act
    await drop('!!!_20250901.csv', '학번\n1\n');
    const refused = await eventually(async () => {
      const rows = await api.rows('?status=REFUSED');
      return rows.length > 0 ? rows : undefined;
    }, 'the refused drop is listed');
    const succeeded = await api.rows('?status=SUCCEEDED');
    const none = await api.rows(`?table=${encodeURIComponent('없는표')}`);
    const bad = await api.get<ApiError>('/api/executions?status=DONE');
    const twice = await api.get<ApiError>('/api/executions?limit=1&limit=2');

    // Assess
    expect(refused).toEqual([
      expect.objectContaining({
        kind: 'file',
        name: '!!!_20250901.csv',
        status: 'REFUSED',
        error: 'NamingError',
      }),
    ]);
    expect(refused[0]?.kind === 'file' && refused[0].cause).toMatch(/^!!!_20250901\.csv: /);
    expect(succeeded.map((r) => r.table)).toEqual(['학생명부']);
    expect(none).toEqual([]);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('BadRequest');
    expect(bad.body.message).toMatch(/^query: status: /);
    expect(twice.status).toBe(400);
  });

  it('refuses another Host, another Origin, a POST without the token or JSON, and does nothing', async () => {
    // Prepare
    const { port } = new URL(world.console.url);
    const own = new URL(world.console.url).host;
    const sync = JSON.stringify({ tables: ['학생명부'] });
    const before = await api.rows();

    // Act
    const answers = {
      rebinding: await rawRequest<ApiError>(world.console.url, {
        path: '/api/session',
        headers: { host: `evil.example:${port}` },
      }),
      rebindingPost: await rawRequest<ApiError>(world.console.url, {
        method: 'POST',
        path: '/api/sync',
        headers: {
          host: `evil.example:${port}`,
          'content-type': 'application/json',
          [CONSOLE_TOKEN_HEADER]: world.console.token,
        },
        body: sync,
      }),
      foreignOrigin: await rawRequest<ApiError>(world.console.url, {
        method: 'POST',
        path: '/api/sync',
        headers: {
          host: own,
          origin: 'http://evil.example',
          'content-type': 'application/json',
          [CONSOLE_TOKEN_HEADER]: world.console.token,
        },
        body: sync,
      }),
      foreignOriginGet: await rawRequest<ApiError>(world.console.url, {
        path: '/api/session',
        headers: { host: own, origin: `http://localhost:${Number(port) + 1}` },
      }),
      sameSiteGet: await rawRequest<ApiError>(world.console.url, {
        path: '/api/session',
        headers: { host: own, 'sec-fetch-site': 'same-site' },
      }),
      crossSiteGet: await rawRequest<ApiError>(world.console.url, {
        path: '/api/executions',
        headers: { host: own, 'sec-fetch-site': 'cross-site' },
      }),
      noToken: await rawRequest<ApiError>(world.console.url, {
        method: 'POST',
        path: '/api/sync',
        headers: { host: own, 'content-type': 'application/json' },
        body: sync,
      }),
      wrongToken: await rawRequest<ApiError>(world.console.url, {
        method: 'POST',
        path: '/api/sync',
        headers: {
          host: own,
          'content-type': 'application/json',
          [CONSOLE_TOKEN_HEADER]: `${world.console.token.slice(0, -1)}x`,
        },
        body: sync,
      }),
      textPlain: await rawRequest<ApiError>(world.console.url, {
        method: 'POST',
        path: '/api/sync',
        headers: {
          host: own,
          'content-type': 'text/plain',
          [CONSOLE_TOKEN_HEADER]: world.console.token,
        },
        body: sync,
      }),
    };
    const after = await api.rows();

    // Assess
    for (const [what, answer] of Object.entries(answers)) {
      expect({ what, status: answer.status, error: answer.body.error }).toEqual({
        what,
        status: 403,
        error: 'Forbidden',
      });
      expect(JSON.stringify(answer.body)).not.toContain(world.console.token);
    }
    expect(answers.rebinding.body.message).toBe(`Host evil.example:${port} is not this console's`);
    expect(answers.textPlain.body.message).toBe('a POST needs Content-Type: application/json');
    expect(after).toEqual(before);
  });

  it('marks the states of an execution that failed at SyncRdsDdl, and redrives it from there', async () => {
    // Prepare: MySQL unreachable while the file runs
    await world.mysql.relay.down();
    await drop('출석부_20250902.csv', ATTENDANCE);
    const failed = await endedExecutionOf(api, '출석부');
    const failedDetail = await api.get<ExecutionDetail>(
      `/api/executions/${encodeURIComponent(failed.name)}`,
    );
    await world.mysql.relay.up();

    // Act
    const redrive = await api.post<RedriveAnswer>(
      `/api/executions/${encodeURIComponent(failed.name)}/redrive`,
      {},
    );
    const redriven = await endedExecutionOf(api, '출석부');
    const detail = await api.get<ExecutionDetail>(
      `/api/executions/${encodeURIComponent(failed.name)}`,
    );

    // Assess
    expect(failed).toMatchObject({
      status: 'FAILED',
      failure: { state: 'SyncRdsDdl', error: 'RdsUnavailable' },
      redrive: { possible: true, fromState: 'SyncRdsDdl' },
    });
    const before = new Map(failedDetail.body.states.map((s) => [s.name, s]));
    expect(before.get('CheckSnapshot')?.status).toBe('SUCCEEDED');
    expect(before.get('CoerceSchema')?.status).toBe('SUCCEEDED');
    expect(before.get('SyncRdsDdl')).toMatchObject({
      status: 'FAILED',
      entered: 1,
      retries: 4,
      error: 'RdsUnavailable',
    });
    expect(before.get('SyncRdsDdl')?.cause).toMatch(/unavailable/);
    expect(before.get('LoadRows')?.status).toBe('NOT_RUN');
    expect(before.get('Catalogued')?.status).toBe('NOT_RUN');
    expect(redrive).toEqual({
      status: 200,
      headers: expect.anything(),
      body: { name: failed.name, fromState: 'SyncRdsDdl' },
    });
    expect(redriven).toMatchObject({ name: failed.name, status: 'SUCCEEDED', redriveCount: 1 });
    const after = new Map(detail.body.states.map((s) => [s.name, s]));
    // Earlier states did not run again; SyncRdsDdl ran once more
    for (const name of ['CheckSnapshot', 'EnsureCrawler', 'DecideCrawl', 'CoerceSchema']) {
      expect({ name, entered: after.get(name)?.entered }).toEqual({ name, entered: 1 });
    }
    expect(after.get('SyncRdsDdl')).toMatchObject({ status: 'SUCCEEDED', entered: 2 });
    expect(after.get('Catalogued')?.status).toBe('SUCCEEDED');
    expect(detail.body.events.filter((e) => e.type === 'ExecutionRedriven')).toHaveLength(1);
    expect(await world.mysql.database.columns('출석부')).toHaveLength(3);
  });

  it('refuses 409 to redrive an execution that ended at a Fail state, saying to sync instead', async () => {
    // Prepare: a file in the prefix the crawler cannot read makes the crawl fail
    await drop(
      '성적표/legacy.csv',
      new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x2c, 0x80, 0x0a]),
    );
    await drop('성적표_20250903.csv', '학번,과목,점수\n0001,국어,90\n');
    const failed = await endedExecutionOf(api, '성적표');
    const detail = await api.get<ExecutionDetail>(
      `/api/executions/${encodeURIComponent(failed.name)}`,
    );

    // Act
    const refused = await api.post<ApiError>(
      `/api/executions/${encodeURIComponent(failed.name)}/redrive`,
      {},
    );
    const unknown = await api.post<ApiError>(
      `/api/executions/${encodeURIComponent('없는실행')}/redrive`,
      {},
    );
    const unknownDetail = await api.get<ApiError>(
      `/api/executions/${encodeURIComponent('없는실행')}`,
    );

    // Assess
    expect(failed).toMatchObject({ status: 'FAILED', failure: { error: 'CrawlerFailed' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('ExecutionNotRedrivable');
    expect(refused.body.message).toMatch(
      /ended at CrawlerFailed, a Fail state: a redrive would fail there again\. .*`npx csv-catalog sync --table 성적표 --dir /,
    );
    expect(failed.redrive).toEqual({ possible: false, reason: refused.body.message });
    const states = new Map(detail.body.states.map((s) => [s.name, s.status]));
    expect(states.get('CrawlerFailed')).toBe('FAILED');
    expect(states.get('CoerceSchema')).toBe('NOT_RUN');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('ExecutionNotFound');
    expect(unknownDetail.status).toBe(404);
  });

  it('says which option to change when its port is taken', async () => {
    // Prepare
    const taken = Number(new URL(world.console.url).port);

    // Act
    const second = startConsoleServer({
      stack: world.stack,
      config: await loadConfig(),
      mysql: world.mysql.settings,
      dir: world.dir,
      port: taken,
    });

    // Assess
    await expect(second).rejects.toThrow(
      `the console's port 127.0.0.1:${taken} is taken by another process: give another --console-port (0 picks a free one)`,
    );
    await expect(second).rejects.toHaveProperty('name', 'ConsolePortInUse');
  });

  it('syncs a table: an execution starts in the running stack', async () => {
    // Act
    const sync = await api.post<{ outcomes: SyncOutcome[] }>('/api/sync', { tables: ['학생명부'] });
    const started = sync.body.outcomes[0]?.execution?.name ?? '';
    const row = await eventually(async () => {
      const rows = await api.rows('?kind=execution');
      const found = rows.find((r): r is ExecutionRow => r.name === started);
      return found && found.status !== 'RUNNING' ? found : undefined;
    }, 'the sync’s execution ended');
    const empty = await api.post<ApiError>('/api/sync', {});

    // Assess
    expect(sync.status).toBe(200);
    expect(sync.body.outcomes).toEqual([
      expect.objectContaining({
        table: '학생명부',
        status: 'started',
        key: '학생명부/학생명부_20250901.csv',
      }),
    ]);
    expect(row).toMatchObject({
      table: '학생명부',
      status: 'SUCCEEDED',
      file: '학생명부/학생명부_20250901.csv',
    });
    expect(empty.status).toBe(400);
  });
});
