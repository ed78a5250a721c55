import type { Command } from 'commander';
import { type CliIo, processIo } from '../cli-io.js';
import type { LocalGlueOptions } from '../commands/local-glue.js';
import { parseMilliseconds, parsePort } from '../option-parsers.js';

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
      const { serveGlue } = await import('../commands/local-glue.js');
      io.exitCode = await serveGlue(options, io);
    });
}
