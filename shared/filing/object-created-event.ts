import { z } from 'zod';

/**
 * The two ways S3 tells file-upload that an object was created, and the one list of objects
 * filing reads from either.
 *
 * - An S3 event notification (what the local stack sends, and S3 → Lambda notifications):
 *   `Records[].s3.object.key` is URL-encoded ("red flower.jpg" arrives as "red+flower.jpg",
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html);
 *   @middy/event-normalizer decodes records whose `eventSource` is `aws:s3`, so the schema
 *   requires it: a record it would not decode must not reach filing still encoded.
 * - An EventBridge "Object Created" event (how AWS delivers drops since S3 notification
 *   suffixes are case-sensitive): `detail.object.key` is the key as written, with no URL
 *   encoding to undo (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 *   documents no encoding for it, unlike the notification page above), and the normalizer
 *   leaves it alone (an EventBridge event has no `Records`).
 */
const s3NotificationSchema = z.object({
  Records: z.array(
    z.object({
      eventSource: z.literal('aws:s3'),
      eventName: z.string(),
      s3: z.object({
        bucket: z.object({ name: z.string().min(1) }),
        object: z.object({
          key: z.string().min(1),
          size: z.number().int().nonnegative().optional(),
          eTag: z.string().optional(),
        }),
      }),
    }),
  ),
});

/** The s3:TestEvent S3 sends when a notification is configured: nothing to file. */
const s3TestEventSchema = z.object({ Event: z.literal('s3:TestEvent'), Bucket: z.string() });

const eventBridgeObjectSchema = z.object({
  source: z.literal('aws.s3'),
  'detail-type': z.string().min(1),
  detail: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      etag: z.string().optional(),
    }),
    reason: z.string().optional(),
  }),
});

export const objectCreatedEventSchema = z.union([
  s3NotificationSchema,
  eventBridgeObjectSchema,
  s3TestEventSchema,
]);
export type ObjectCreatedEvent = z.infer<typeof objectCreatedEventSchema>;

/** One object an event announces, keys decoded, in either event shape's terms. */
export interface AnnouncedObject {
  bucket: string;
  key: string;
  size?: number;
  eTag?: string;
  /** `ObjectCreated:Put` (notification) or `Object Created` (EventBridge). */
  kind: string;
  created: boolean;
}

/** The objects an event announces, in one shape whatever the event's. */
export function announcedObjects(event: ObjectCreatedEvent): AnnouncedObject[] {
  if ('Records' in event) {
    return event.Records.map((record) => ({
      bucket: record.s3.bucket.name,
      key: record.s3.object.key,
      size: record.s3.object.size,
      eTag: record.s3.object.eTag,
      kind: record.eventName,
      created: record.eventName.startsWith('ObjectCreated:'),
    }));
  }
  if ('detail' in event) {
    const { bucket, object } = event.detail;
    return [
      {
        bucket: bucket.name,
        key: object.key,
        size: object.size,
        eTag: object.etag,
        kind: event['detail-type'],
        created: event['detail-type'] === 'Object Created',
      },
    ];
  }
  return [];
}
