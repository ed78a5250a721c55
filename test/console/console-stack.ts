import { recordSettings } from '../../cli/recorded-stack-settings.js';
import type { ConsoleAssets } from '../../local/console/console-assets.js';
import { startConsoleServer } from '../../local/console/control-server.js';
import {
  type LocalStack,
  type LocalStackOptions,
  startLocalStack,
} from '../../local/stack/local-stack.js';
import { loadConfig } from '../../shared/config/load-config.js';
import { createLogger } from '../../shared/logging/logger.js';
import {
  type MysqlSettings,
  mysqlSettingsFromUrl,
  mysqlTargetOf,
} from '../../shared/mysql/mysql-settings.js';
import { BUCKET, tempDir } from '../local/local-test-support.js';
import { type MysqlFaultRelay, startMysqlFaultRelay } from '../local/mysql-fault-relay.js';
import { openTestDatabase, type TestDatabase } from '../mysql/test-database.js';

export interface ConsoleStackOptions {
  /** The page (default: the server's minimal one; the browser tests pass loadConsoleAssets()). */
  assets?: ConsoleAssets;
  /** The console's port (default 0: a free one). */
  port?: number;
  /** More of the stack's options (lambdas, minCrawlMs, onExecutionEvent, …). */
  stack?: Partial<Omit<LocalStackOptions, 'dir' | 'mysqlSettings' | 'config'>>;
}

export interface ConsoleStack {
  stack: LocalStack;
  console: { url: string; token: string };
  /** The stack's folder (a temporary one, removed by close). */
  dir: string;
  /**
   * Its MySQL: a database of the test's own on the test server, reached through a relay the
   * test can take down (`relay.down()`: unreachable, ECONNREFUSED) and up again.
   */
  mysql: { settings: MysqlSettings; relay: MysqlFaultRelay; database: TestDatabase };
  /**
   * Stops the console and starts it again on the same port, as a restarted `local up` would:
   * a new token (also in `console`), the stack running on.
   */
  restartConsole(): Promise<void>;
  /** Stops the console and the stack, drops the database, removes the folder. */
  close(): Promise<void>;
}

/**
 * A local stack in a temporary folder, with its console server, as `local up` starts them:
 * bucket csv-catalog-local, S3 and Glue on free ports, the default configuration.
 */
export async function startConsoleStack(options: ConsoleStackOptions = {}): Promise<ConsoleStack> {
  const folder = await tempDir('console');
  const database = await openTestDatabase();
  const relay = await startMysqlFaultRelay();
  const settings = mysqlSettingsFromUrl(relay.url(database.database));
  const config = await loadConfig();
  const stack = await startLocalStack({
    bucket: BUCKET,
    s3Port: 0,
    gluePort: 0,
    logger: createLogger({ logLevel: 'SILENT' }),
    ...options.stack,
    dir: folder.path,
    config,
    mysqlSettings: async () => settings,
  });
  recordSettings(folder.path, { mysql: mysqlTargetOf(settings) });
  const serve = async (port: number) => {
    const started = await startConsoleServer({
      stack,
      config,
      mysql: settings,
      dir: folder.path,
      port,
      ...(options.assets ? { assets: options.assets } : {}),
    });
    stack.recordConsole({ url: started.url, token: started.token });
    return started;
  };
  let server = await serve(options.port ?? 0);
  const consoleStack: ConsoleStack = {
    stack,
    console: { url: server.url, token: server.token },
    dir: folder.path,
    mysql: { settings, relay, database },
    async restartConsole() {
      await server.close();
      server = await serve(Number(new URL(server.url).port));
      // In place: clients made from `console` earlier send the new token too.
      Object.assign(consoleStack.console, { url: server.url, token: server.token });
    },
    async close() {
      await server.close();
      await stack.close();
      await relay.close();
      await database.drop();
      await folder.remove();
    },
  };
  return consoleStack;
}
