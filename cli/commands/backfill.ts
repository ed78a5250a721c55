import { SFNClient } from '@aws-sdk/client-sfn';
import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { createS3Client } from '../../shared/aws/s3-client.js';
import { S3ObjectStore } from '../../shared/aws/s3-object-store.js';
import { SfnWorkflowStarter } from '../../shared/aws/sfn-workflow-starter.js';
import { backfillBucket } from '../../shared/filing/backfill-bucket.js';
import type { WorkflowStarter } from '../../shared/workflow/workflow-input.js';
import { cliConfig, configOption } from '../cli-config.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import { formatFilingSummary, summarizeFiling } from '../filing-summary.js';

interface BackfillOptions {
  bucket: string;
  endpoint?: string;
  config?: string;
  workflow: boolean;
  stateMachineArn?: string;
  concurrency?: number;
  json?: boolean;
}

export function registerBackfillCommand(program: Command, io: CliIo): void {
  program
    .command('backfill')
    .description(
      'File every CSV still at the bucket root, as the file-upload Lambda would, and start the workflow for each.',
    )
    .requiredOption('--bucket <name>', 'the bucket whose root to file')
    .option('--endpoint <url>', 'an S3-compatible endpoint (default: AWS, or AWS_ENDPOINT_URL_S3)')
    .addOption(configOption())
    .option('--no-workflow', 'file only; start no workflow')
    .option(
      '--state-machine-arn <arn>',
      'the workflow to start (default: STATE_MACHINE_ARN)',
      process.env.STATE_MACHINE_ARN,
    )
    .option(
      '--concurrency <n>',
      'objects filed at once (default: from config, 16)',
      parsePositiveInt,
    )
    .option('--json', 'print the summary as one JSON document on stdout')
    .action(async (options: BackfillOptions) => {
      io.exitCode = await runBackfill(options, io);
    });
}

async function runBackfill(options: BackfillOptions, io: CliIo): Promise<ExitCode> {
  const config = await cliConfig(options.config);
  const s3 = createS3Client({ endpoint: options.endpoint });
  const store = new S3ObjectStore(s3, options.bucket);
  const workflow = workflowStarter(options, io);
  const bar = new SingleBar({
    format: 'filing {bar} {value}/{total} objects',
    stream: io.stderr,
    hideCursor: true,
  });
  bar.start(0, 0);
  try {
    const outcomes = await backfillBucket({
      store,
      config,
      workflow,
      concurrency: options.concurrency ?? config.filing.concurrency,
      onProgress: (p) => {
        bar.setTotal(p.listed);
        bar.update(p.done);
      },
    });
    bar.stop();
    const summary = summarizeFiling(outcomes);
    io.stdout.write(
      options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatFilingSummary(summary)}\n`,
    );
    return summary.failed.length > 0 ? ExitCode.Failed : ExitCode.Ok;
  } finally {
    bar.stop();
    s3.destroy();
  }
}

function workflowStarter(options: BackfillOptions, io: CliIo): WorkflowStarter | undefined {
  if (!options.workflow) return undefined;
  if (!options.stateMachineArn) {
    io.stderr.write(
      'no state machine configured (--state-machine-arn or STATE_MACHINE_ARN): filing only\n',
    );
    return undefined;
  }
  return new SfnWorkflowStarter(new SFNClient({}), options.stateMachineArn);
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`not a positive integer: ${value}`);
  return n;
}
