import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // s3rver lists past 1,000 keys only with OpenSSL's legacy provider (local/README.md).
    execArgv: ['--openssl-legacy-provider'],
    env: {
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
