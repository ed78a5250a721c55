#!/usr/bin/env -S node --openssl-legacy-provider
// The flag lets the local S3 server (s3rver) list past 1,000 keys: its continuation
// token uses DES, which Node's OpenSSL 3 only offers through the legacy provider.
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv);
