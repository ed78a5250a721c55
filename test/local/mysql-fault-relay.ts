import { connect, createServer, type Server, type Socket } from 'node:net';
import { testMysqlSettings } from '../mysql/test-database.js';
import { freePort } from './local-test-support.js';

/**
 * The MySQL address a fault test gives its stack: a TCP relay on a loopback port of its own to
 * the shared test MariaDB. Faults go through the network, as they would on AWS, without
 * stopping the server other tests use:
 * - `down()` stops listening and cuts every open connection (a client then gets ECONNREFUSED,
 *   as when MariaDB is stopped or an RDS instance fails over); `up()` listens again on the
 *   same port.
 * - `downDuringLoadData(n)` goes down in the middle of the nth `LOAD DATA` statement counted
 *   from the call: the statement reached the server, the client started sending the chunk's
 *   bytes, and the connection is lost there (the server rolls the chunk's transaction back).
 * - `downOnCommitReply(n)` lets the nth `COMMIT` counted from the call reach the server and
 *   goes down instead of passing on its answer: the transaction committed, the client cannot
 *   know it (a Lambda losing its connection at the worst moment).
 */
export interface MysqlFaultRelay {
  port: number;
  /** A MySQL URL for `database` through the relay (root, no password: the test server's). */
  url(database: string): string;
  down(): Promise<void>;
  up(): Promise<void>;
  /** Resolves when the relay went down, mid-statement. */
  downDuringLoadData(nth: number): Promise<void>;
  /** Resolves when the relay went down, the COMMIT done and its answer dropped. */
  downOnCommitReply(nth: number): Promise<void>;
  /** Connections the relay accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export async function startMysqlFaultRelay(): Promise<MysqlFaultRelay> {
  const { host, port: target, user } = testMysqlSettings();
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let accepted = 0;
  let loadData: { nth: number; seen: number; cutNext: boolean; wentDown: () => void } | undefined;
  let commit: { nth: number; seen: number; wentDown: () => void } | undefined;
  /** The connection whose next answer from the server is dropped, and the relay taken down. */
  let dropAnswerOf: Socket | undefined;

  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  const down = async () => {
    const listening = server;
    server = undefined;
    cutAll();
    if (listening) await new Promise((resolve) => listening.close(resolve));
  };
  /** Client → server bytes, watched for the statement to cut in. */
  const forward = (chunk: Buffer, upstream: Socket) => {
    if (commit && isQuery(chunk, 'COMMIT')) {
      commit.seen += 1;
      if (commit.seen === commit.nth) dropAnswerOf = upstream;
    }
    const watch = loadData;
    if (watch?.cutNext) {
      // The first bytes of the chunk's file after the server asked for them: cut here.
      loadData = undefined;
      upstream.write(chunk, () => void down().then(watch.wentDown));
      return;
    }
    if (watch && chunk.includes('LOAD DATA')) {
      watch.seen += 1;
      if (watch.seen === watch.nth) watch.cutNext = true;
    }
    upstream.write(chunk);
  };
  const listen = async () => {
    const relay = createServer((client) => {
      accepted += 1;
      const upstream = connect(target, host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('data', (chunk: Buffer) => forward(chunk, upstream));
      upstream.on('data', (chunk: Buffer) => {
        const watch = commit;
        if (dropAnswerOf === upstream && watch) {
          // The COMMIT's answer: never delivered.
          dropAnswerOf = undefined;
          commit = undefined;
          void down().then(watch.wentDown);
          return;
        }
        client.write(chunk);
      });
    });
    await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
    server = relay;
  };

  await listen();
  return {
    port,
    url: (database) =>
      `mysql://${encodeURIComponent(user)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    down,
    async up() {
      if (!server) await listen();
    },
    downDuringLoadData(nth) {
      return new Promise<void>((resolve) => {
        loadData = { nth, seen: 0, cutNext: false, wentDown: resolve };
      });
    },
    downOnCommitReply(nth) {
      return new Promise<void>((resolve) => {
        commit = { nth, seen: 0, wentDown: resolve };
      });
    },
    connections: () => accepted,
    close: down,
  };
}

/** A COM_QUERY packet (4-byte header, command 0x03) whose text is `sql`. */
function isQuery(chunk: Buffer, sql: string): boolean {
  return (
    chunk.length >= 5 && chunk[4] === 0x03 && chunk.subarray(5).toString('utf8').trim() === sql
  );
}
