import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A second MariaDB that demands TLS (`--require-secure-transport=ON`), with a CA and a
 * server certificate made here by openssl (SAN: IP 127.0.0.1, DNS localhost). It listens on
 * 127.0.0.1 and on 127.0.0.2, an address its certificate does not name. `root` has no
 * password. Stop it in afterAll; it is also killed when the test process exits.
 */
export interface TlsMariadb {
  readonly port: number;
  /** The CA that signed the server's certificate (PEM). */
  readonly caPath: string;
  /** Another CA, which signed nothing the server has (PEM). */
  readonly otherCaPath: string;
  /** mysql://root@HOST:PORT/DATABASE?QUERY */
  url(query: string, options?: { host?: string; database?: string }): string;
  stop(): Promise<void>;
}

export async function startTlsMariadb(): Promise<TlsMariadb> {
  const dir = await mkdtemp(join(tmpdir(), 'csv-catalog-tls-mariadb-'));
  let server: ChildProcess | undefined;
  const kill = () => server?.kill('SIGKILL');
  try {
    const files = await makeCertificates(dir);
    // mariadbd refuses to run as root unless told to.
    const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
    await run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${join(dir, 'data')}`,
      '--auth-root-authentication-method=normal',
      ...asRoot,
    ]);
    const port = await freePort();
    const log = join(dir, 'server.log');
    server = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(dir, 'data')}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1,127.0.0.2',
        `--socket=${join(dir, 's')}`,
        `--pid-file=${join(dir, 'pid')}`,
        `--log-error=${log}`,
        '--require-secure-transport=ON',
        `--ssl-ca=${files.caPath}`,
        `--ssl-cert=${files.certPath}`,
        `--ssl-key=${files.keyPath}`,
        ...asRoot,
      ],
      { stdio: 'ignore' },
    );
    process.once('exit', kill);
    await waitUntilReady(server, log);
    const started = server;
    return {
      port,
      caPath: files.caPath,
      otherCaPath: files.otherCaPath,
      url: (query, options = {}) =>
        `mysql://root@${options.host ?? '127.0.0.1'}:${port}/${options.database ?? 'csv_catalog'}?${query}`,
      async stop() {
        process.removeListener('exit', kill);
        await stopServer(started);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (server) await stopServer(server);
    process.removeListener('exit', kill);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function makeCertificates(dir: string) {
  const path = (name: string) => join(dir, name);
  const newCa = (name: string, subject: string) =>
    run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      subject,
      '-keyout',
      path(`${name}-key.pem`),
      '-out',
      path(`${name}.pem`),
    ]);
  await newCa('ca', '/CN=csv-catalog test CA');
  await newCa('other-ca', '/CN=csv-catalog unrelated CA');
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    path('server-key.pem'),
    '-out',
    path('server.csr'),
  ]);
  await writeFile(path('server-ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await run('openssl', [
    'x509',
    '-req',
    '-days',
    '2',
    '-in',
    path('server.csr'),
    '-CA',
    path('ca.pem'),
    '-CAkey',
    path('ca-key.pem'),
    '-CAcreateserial',
    '-extfile',
    path('server-ext.cnf'),
    '-out',
    path('server-cert.pem'),
  ]);
  return {
    caPath: path('ca.pem'),
    otherCaPath: path('other-ca.pem'),
    certPath: path('server-cert.pem'),
    keyPath: path('server-key.pem'),
  };
}

/** Ready when the log says so; failed when the process ends first or 30 s pass. */
async function waitUntilReady(server: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const text = await readFile(log, 'utf8').catch(() => '');
    if (text.includes('ready for connections')) return;
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`mariadbd ended before it was ready:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`mariadbd was not ready after 30 s: see ${log}`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
