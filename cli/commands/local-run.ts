import { rm } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { collectFiles } from '../../local/stack/collect-csv-files.js';
import { buildRunReport, type RunReport } from '../../local/stack/run-report.js';
import { assertStackDirFree } from '../../local/stack/stack-dir-lock.js';
import { uploadToBucketRoot } from '../../local/stack/upload-file.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import type { LocalStackCliOptions } from '../local-stack-options.js';
import { openLocalStack } from '../open-local-stack.js';
import { formatRunSummary } from '../run-summary.js';

export interface LocalRunOptions extends LocalStackCliOptions {
  json?: boolean;
  fresh?: boolean;
  ddlOut?: string;
  verbose?: boolean;
}

/** `csv-catalog local run <files or folders…>`: one shot, for scripts and CI. */
export async function localRun(
  paths: string[],
  options: LocalRunOptions,
  io: CliIo,
): Promise<ExitCode> {
  const files = await collectFiles(paths);
  const names = files.map((f) => basename(f));
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length > 0) {
    // Both would be dropped under one key: the second would replace the first unfiled.
    io.stderr.write(
      `csv-catalog local run: more than one file is named ${[...new Set(twice)].join(', ')}; each name is one key at the bucket root\n`,
    );
    return ExitCode.Usage;
  }
  if (options.fresh) {
    assertStackDirFree(options.dir);
    await rm(options.dir, { recursive: true, force: true });
  }
  const { stack, config, mysql } = await openLocalStack(options, io);
  let report: RunReport;
  try {
    const uploads = [];
    for (const file of files) {
      uploads.push({ file, key: await uploadToBucketRoot(stack.s3, stack.bucket, file) });
    }
    report = await buildRunReport(stack, uploads, {
      glue: config.glue.database,
      mysql,
      ddlOut: options.ddlOut ? resolve(options.ddlOut) : undefined,
    });
  } finally {
    await stack.close();
  }
  io.stdout.write(
    options.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `${formatRunSummary(report, options.dir)}\n`,
  );
  // A skipped file (not a CSV, empty) started no execution: it fails nothing.
  const ok = report.executions.every((e) => e.status === 'SUCCEEDED' || e.status === 'SKIPPED');
  return ok ? ExitCode.Ok : ExitCode.Failed;
}
