import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`, as .ci/run does): Playwright downloads none. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium for the console's tests and screenshots: no sandbox (CI runs as root), no
 * GPU, and nothing the browser would fetch from the network on its own.
 */
export function launchChromium(moreArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...moreArgs,
    ],
  });
}
