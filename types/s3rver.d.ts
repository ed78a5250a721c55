// s3rver ships no types; local/s3/local-s3-server.ts narrows what it uses.
declare module 's3rver' {
  const S3rver: unknown;
  export default S3rver;
}
