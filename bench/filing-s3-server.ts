/**
 * The local S3 in a process of its own, for bench/filing.ts: S3 is another machine's work,
 * so the server must not share the measured process's one JavaScript thread (as the team's
 * boto3 loop did not share it either). Prints `{"endpoint": …}` on one line once it answers;
 * stops when its stdin closes. Run with --openssl-legacy-provider (listings past 1,000 keys).
 */
import { startLocalS3 } from '../local/s3/local-s3-server.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: filing-s3-server.ts <folder>');
const server = await startLocalS3({ dir, buckets: [] });
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
