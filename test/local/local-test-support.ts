import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalS3 } from '../../local/s3/local-s3-server.js';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { openTestDatabase, type TestDatabase, testMysqlSettings } from '../mysql/test-database.js';

export const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
export const BUCKET = 'csv-catalog-local';

/** A throwaway MySQL database on the test server, with the URL the CLI takes for it. */
export async function openRunDatabase(): Promise<TestDatabase & { url: string }> {
  const db = await openTestDatabase();
  const { user, password, host, port } = testMysqlSettings();
  const credentials = password
    ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
    : encodeURIComponent(user);
  return Object.assign(db, { url: `mysql://${credentials}@${host}:${port}/${db.database}` });
}

/** A MySQL URL nothing answers at: a loopback port that was free a moment ago. */
export async function closedMysqlUrl(database = 'csv_catalog'): Promise<string> {
  return `mysql://root@127.0.0.1:${await freePort()}/${database}`;
}

/** A temporary folder, and how to remove it. */
export async function tempDir(label: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `csv-catalog-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A loopback port nothing listens on (the OS picks it; it is closed again at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The local stack's S3 store under `<dir>/s3`, served on its own while no stack runs: to read
 * what a run left, or to place objects by hand as a team did before csv-catalog.
 */
export async function withStackS3<T>(
  dir: string,
  use: (s3: {
    get(key: string): Promise<Buffer>;
    put(key: string, body: string | Uint8Array): Promise<void>;
    remove(key: string): Promise<void>;
  }) => Promise<T>,
): Promise<T> {
  const server = await startLocalS3({ dir: join(dir, 's3'), buckets: [BUCKET] });
  const client = createS3Client({ endpoint: server.endpoint });
  try {
    return await use({
      async get(key) {
        const out = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
        return Buffer.from(await out.Body!.transformToByteArray());
      },
      async put(key, body) {
        await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
      },
      async remove(key) {
        await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
      },
    });
  } finally {
    client.destroy();
    await server.close();
  }
}

/** Debian's AWS CLI v2 where installed (a pyenv shim may shadow it on PATH), else `aws`. */
const AWS_CLI = process.env.AWS_CLI ?? (existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws');

/** Dummy credentials, as the `local up` banner tells a user to export. */
export const AWS_DUMMY_ENV = {
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
};

/** Runs the real AWS CLI against a local endpoint and returns what it printed. */
export async function aws(args: string[], endpoint: string): Promise<string> {
  const { stdout } = await promisify(execFile)(AWS_CLI, [...args, '--endpoint-url', endpoint], {
    env: { ...process.env, ...AWS_DUMMY_ENV },
  });
  return stdout;
}

/**
 * A TCP relay on a loopback port to the test MySQL: a MySQL that can be "away" (the relay not
 * listening) and "back" (listening) on one address, without stopping the shared server.
 */
export async function mysqlRelay(port: number): Promise<{ close(): Promise<void> }> {
  const { host, port: target } = testMysqlSettings();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target, host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
