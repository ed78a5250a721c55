import type { IncomingMessage, ServerResponse } from 'node:http';

type EtagOf = (bucket: string, key: string) => Promise<string | undefined>;

const PRECONDITION_FAILED = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>`;
const NO_SUCH_KEY = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>`;

/**
 * S3's conditional writes that s3rver ignores: DeleteObject with `If-Match`, and CopyObject
 * with `x-amz-copy-source-if-match` (a conditional delete of a missing key is a 404, as on S3).
 * Filing sends both so that an object re-uploaded under
 * the same key between its copy and its delete is never deleted unfiled; locally they must
 * hold as on S3. Answers 412 and returns true when a condition fails.
 */
export async function failsPrecondition(
  req: IncomingMessage,
  res: ServerResponse,
  etagOf: EtagOf,
): Promise<boolean> {
  const checks: { expected: string; bucket: string; key: string; missing?: 'NoSuchKey' }[] = [];
  const ifMatch = req.headers['if-match'];
  if (req.method === 'DELETE' && typeof ifMatch === 'string') {
    const target = bucketAndKey(new URL(req.url ?? '/', 'http://local').pathname);
    // S3 answers a conditional delete of a missing key with 404, not 204.
    if (target) checks.push({ expected: ifMatch, ...target, missing: 'NoSuchKey' });
  }
  // GetObject/HeadObject with If-Match: 412 when the ETag differs (a missing key stays s3rver's
  // 404), https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html; the loader reads
  // each chunk If-Match the ETag it started with.
  if ((req.method === 'GET' || req.method === 'HEAD') && typeof ifMatch === 'string') {
    const target = bucketAndKey(new URL(req.url ?? '/', 'http://local').pathname);
    if (target) checks.push({ expected: ifMatch, ...target });
  }
  const copyIfMatch = req.headers['x-amz-copy-source-if-match'];
  const copySource = req.headers['x-amz-copy-source'];
  if (req.method === 'PUT' && typeof copyIfMatch === 'string' && typeof copySource === 'string') {
    const source = bucketAndKey(`/${copySource.replace(/^\//, '').split('?')[0]}`);
    if (source) checks.push({ expected: copyIfMatch, ...source });
  }
  for (const check of checks) {
    const actual = await etagOf(check.bucket, check.key);
    if (actual === undefined && check.missing) {
      res.writeHead(404, { 'Content-Type': 'application/xml' });
      res.end(NO_SUCH_KEY);
      return true;
    }
    if (actual !== undefined && unquote(actual) !== unquote(check.expected)) {
      res.writeHead(412, { 'Content-Type': 'application/xml' });
      res.end(PRECONDITION_FAILED);
      return true;
    }
  }
  return false;
}

/** `/bucket/key…` (path-style, URL-encoded) → its bucket and decoded key. */
function bucketAndKey(path: string): { bucket: string; key: string } | undefined {
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  if (!match?.[1] || !match[2]) return undefined;
  return { bucket: decodeURIComponent(match[1]), key: decodeURIComponent(match[2]) };
}

function unquote(etag: string): string {
  return etag.replace(/"/g, '').trim();
}
