import { z } from 'zod';
import { tableNameSchema } from './workflow-input-schema.js';

/*
 * What each Lambda of the workflow receives: the ASL hands every Task an explicit `Payload`
 * (statemachines/csv-catalog.asl.json), never the whole state, so each handler validates
 * exactly that and nothing more. Strict objects: a field the ASL adds without the handler
 * reading it fails at once (test/workflow/csv-catalog-asl.test.ts checks both agree).
 */

/**
 * The execution's name (`$$.Execution.Name`): only so that every log line of the invocation
 * names the execution it served (shared/middleware/create-handler.ts); absent when a step is
 * called outside a state machine.
 */
const execution = z.string().min(1).optional();
const bucket = z.string().min(1);
const key = z.string().min(1);
/** What every step gets: the execution, the bucket and the table. */
const tableStep = { execution, bucket, table: tableNameSchema };
/** A step that reads the filed object. */
const fileStep = { ...tableStep, key };
/** The file's snapshot as filing saw it. */
const snapshotState = { snapshot: z.string().nullable(), superseded: z.boolean() };
/** The file's CSV dialect as filing sniffed it. */
const dialect = { delimiter: z.string().length(1), quote: z.string().length(1) };

/** CheckSnapshot: is the file still the snapshot in place? */
export const checkSnapshotEventSchema = z.strictObject({ ...fileStep, ...snapshotState });
export type CheckSnapshotEvent = z.infer<typeof checkSnapshotEventSchema>;

/** EnsureCrawler: the crawler of the table, for the file's dialect. */
export const ensureCrawlerEventSchema = z.strictObject({ ...tableStep, ...dialect });
export type EnsureCrawlerEvent = z.infer<typeof ensureCrawlerEventSchema>;

/** DecideCrawl: reads the header from the filed object's head. */
export const decideCrawlEventSchema = z.strictObject(fileStep);
export type DecideCrawlEvent = z.infer<typeof decideCrawlEventSchema>;

/** CoerceSchema: reads the header from the filed object's head, then scans the file. */
export const coerceSchemaEventSchema = z.strictObject({
  ...fileStep,
  ...snapshotState,
  ...dialect,
});
export type CoerceSchemaEvent = z.infer<typeof coerceSchemaEventSchema>;

/** SyncRdsDdl: the columns come from the Glue catalog, the sampled lengths from the file. */
export const syncRdsDdlEventSchema = z.strictObject(fileStep);
export type SyncRdsDdlEvent = z.infer<typeof syncRdsDdlEventSchema>;

/** DescribeCrawlFailure: reads the headers of the files under the table's prefix. */
export const describeCrawlFailureEventSchema = z.strictObject({
  ...tableStep,
  /** The crawler's name, as EnsureCrawler answered it. */
  crawler: z.string().min(1),
  /** The crawler's LastCrawl.ErrorMessage (at most 2,048 characters on AWS). */
  errorMessage: z.string(),
});
export type DescribeCrawlFailureEvent = z.infer<typeof describeCrawlFailureEventSchema>;

/**
 * LoadRows: one chunk of the filed file into MySQL. The ASL carries the load's cursor
 * ($.load) from one invocation to the next: StartLoad sets it to the start, each answer to
 * where the next chunk starts.
 */
export const loadRowsEventSchema = z.strictObject({
  ...fileStep,
  /** Where this chunk starts in the file: 0, or the previous answer's offset. */
  offset: z.number().int().min(0),
  /** Chunks committed so far (the previous answer's). */
  chunks: z.number().int().min(0),
  /** The filed object's ETag as the first invocation read it; null before that. */
  eTag: z.string().min(1).nullable(),
});
export type LoadRowsEvent = z.infer<typeof loadRowsEventSchema>;
