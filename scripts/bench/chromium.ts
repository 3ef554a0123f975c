import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** A plain headless Chromium (no extension) where every host name resolves to `port`. */
export async function launchPlain(port: number): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--disable-gpu', '--disable-quic', `--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE localhost`],
  });
}
