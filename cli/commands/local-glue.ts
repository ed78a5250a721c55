import { type Command, InvalidArgumentError } from 'commander';
import { startGlueEndpoint } from '../../local/glue/glue-endpoint.js';
import { type CliIo, processIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';

interface LocalGlueOptions {
  port: number;
  dir: string;
  s3Endpoint: string;
  minCrawlMs: number;
}

/** `csv-catalog local glue`: the Glue-compatible endpoint, in the foreground until a signal. */
export function registerLocalGlueCommand(local: Command, io: CliIo = processIo()): void {
  local
    .command('glue')
    .description(
      'Serve a Glue-compatible endpoint on 127.0.0.1 (AWS Glue JSON protocol) whose crawlers crawl the local S3.',
    )
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4599)
    .option('--dir <dir>', 'folder the catalog is kept in', '.csv-catalog/glue')
    .option(
      '--s3-endpoint <url>',
      'the S3 endpoint crawlers read (AWS_ENDPOINT_URL_S3 when set)',
      process.env.AWS_ENDPOINT_URL_S3 ?? 'http://127.0.0.1:4569',
    )
    .option('--min-crawl-ms <ms>', 'shortest crawl, so RUNNING can be seen', parseMilliseconds, 200)
    .action(async (options: LocalGlueOptions) => {
      io.exitCode = await serveGlue(options, io);
    });
}

async function serveGlue(options: LocalGlueOptions, io: CliIo): Promise<ExitCode> {
  const glue = await startGlueEndpoint({
    port: options.port,
    dir: options.dir,
    s3Endpoint: options.s3Endpoint,
    minCrawlMs: options.minCrawlMs,
    onCrawlerLog: (crawler, message) => io.stderr.write(`[crawler ${crawler}] ${message}\n`),
  });
  io.stdout.write(`glue endpoint: ${glue.endpoint}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await glue.close();
  return ExitCode.Ok;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('must be a port number (0-65535)');
  }
  return port;
}

function parseMilliseconds(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return ms;
}
