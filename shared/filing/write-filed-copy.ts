import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CsvProfile } from '../csv/sniff-csv-head.js';
import { utf8TranscodeStream } from '../csv/utf8-transcode-stream.js';
import { FilingError } from '../errors.js';
import { copyProvenWhole } from './copy-proof.js';
import { step } from './filing-step.js';
import type { ListedKeys } from './listed-keys.js';
import type { ObjectStore, StoredObject } from './object-store.js';
import { preserveReplaced } from './preserve-replaced.js';

const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export interface FiledCopy {
  /** Bytes of the filed object. */
  size: number;
  transcoded: boolean;
  rawKey?: string;
  /** Earlier objects of the same name, from other uploads, kept before being overwritten. */
  replaced: string[];
}

/**
 * Writes the filed copy of `source` under `target` and verifies it (by the copy's ETag where
 * that proves it, copy-proof.ts, else by a HEAD); the source is left untouched. UTF-8 without
 * BOM is copied server-side; anything else keeps its original bytes under `rawKey` and is
 * stream-transcoded to UTF-8 without BOM (bounded memory).
 */
export async function writeFiledCopy(input: {
  store: ObjectStore;
  source: StoredObject;
  target: string;
  rawKey: string;
  profile: CsvProfile;
  metadata: Record<string, string>;
  /** Keys a listing showed free: written without a HEAD first. */
  listed?: Pick<ListedKeys, 'absent'>;
}): Promise<FiledCopy> {
  const { store, source, target, profile, metadata } = input;
  const replaced: string[] = [];
  const keep = async (key: string) => {
    const kept = await preserveReplaced(store, source.key, key, source.eTag, input.listed);
    if (kept) replaced.push(kept);
  };
  await keep(target);
  if (profile.encoding === 'utf-8' && !profile.bom) {
    const copied = await step(source.key, 'copy', () =>
      store.copy(source.key, target, {
        size: source.size,
        metadata,
        contentType: CSV_CONTENT_TYPE,
        sourceIfMatch: source.eTag,
      }),
    );
    if (!copyProvenWhole(copied, source.eTag)) {
      await verifySize(store, source.key, target, source.size);
    }
    return { size: source.size, transcoded: false, replaced };
  }

  await keep(input.rawKey);
  const raw = await step(source.key, 'keep-raw', () =>
    store.copy(source.key, input.rawKey, {
      size: source.size,
      metadata,
      contentType: 'text/csv',
      sourceIfMatch: source.eTag,
    }),
  );
  if (!copyProvenWhole(raw, source.eTag)) {
    await verifySize(store, source.key, input.rawKey, source.size);
  }

  const read = new ByteCounter();
  const counter = new ByteCounter();
  await step(source.key, 'transcode', async () => {
    // The BOM is skipped by the range read itself, so the transcoder sees only text bytes;
    // If-Match: a re-upload meanwhile must not be read under the old upload's name.
    const body = await store.readStream(source.key, profile.bomLength, { ifMatch: source.eTag });
    try {
      await Promise.all([
        pipeline(
          body,
          read,
          utf8TranscodeStream(profile.encoding, 0, source.key, profile.bomLength),
          counter,
        ),
        store.upload(target, counter, { metadata, contentType: CSV_CONTENT_TYPE }),
      ]);
    } catch (error) {
      body.destroy();
      counter.destroy();
      throw error;
    }
  });
  // The copy is checked against the source, not against itself: a read that ended early
  // without an error would otherwise pass as a complete file.
  if (profile.bomLength + read.bytes !== source.size) {
    throw new FilingError(
      source.key,
      'verify',
      `read ${profile.bomLength + read.bytes} of its ${source.size} bytes; the source is kept`,
    );
  }
  await verifySize(store, source.key, target, counter.bytes);
  return { size: counter.bytes, transcoded: true, rawKey: input.rawKey, replaced };
}

async function verifySize(store: ObjectStore, sourceKey: string, key: string, expected: number) {
  const written = await step(sourceKey, 'verify', () => store.head(key));
  if (written?.size !== expected) {
    throw new FilingError(
      sourceKey,
      'verify',
      `${key} has ${written?.size ?? 'no'} bytes, expected ${expected}; the source is kept`,
    );
  }
}

class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: () => void) {
    this.bytes += chunk.length;
    this.push(chunk);
    callback();
  }
}
