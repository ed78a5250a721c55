import { startGlueEndpoint } from '../../local/glue/glue-endpoint.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';

export interface LocalGlueOptions {
  port: number;
  dir: string;
  s3Endpoint: string;
  minCrawlMs: number;
}

/** `csv-catalog local glue`: the Glue-compatible endpoint, in the foreground until a signal. */
export async function serveGlue(options: LocalGlueOptions, io: CliIo): Promise<ExitCode> {
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
