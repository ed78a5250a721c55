import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

export interface S3ClientOptions {
  /** An S3-compatible endpoint (the local server); falls back to AWS_ENDPOINT_URL_S3. */
  endpoint?: string;
  region?: string;
}

/**
 * The one place S3 clients are built. Against a local endpoint the client uses path-style
 * addressing (no bucket DNS on loopback), dummy credentials when none are configured, and
 * checksums only where required: s3rver stores streaming bodies with their aws-chunked
 * framing otherwise.
 */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_S3;
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  if (!endpoint) return new S3Client({ region });
  const config: S3ClientConfig = {
    region,
    endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (!process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE) {
    // s3rver's default account; a local endpoint never sees real credentials.
    config.credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  }
  return new S3Client(config);
}
