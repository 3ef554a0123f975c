import { bundleForPage } from './bundle';
import { launchPlain } from './chromium';
import { pageUrl } from './corpus';
import { serveCorpus } from './serve';

/**
 * `npm run bench -- profile <page> [<page>…]`: the clip pipeline's parts timed one by one in
 * Chromium on named corpus pages (cold first, then warm). For finding why a page is slow.
 */
export async function profilePages(names: string[]): Promise<void> {
  const code = await bundleForPage('page/parts.ts', '__ndParts');
  const served = await serveCorpus();
  const browser = await launchPlain(served.port);
  try {
    const page = await browser.newPage();
    for (const name of names) {
      const url = pageUrl(name);
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(code);
      const parts = await page.evaluate(
        (href) => (globalThis as unknown as { __ndParts: { profileParts(d: Document, u: string): Record<string, number> } }).__ndParts.profileParts(document, href),
        url,
      );
      const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
      console.log(`\n${name} (${elements} elements)`);
      for (const [label, value] of Object.entries(parts)) console.log(`  ${label.padEnd(34)} ${value.toFixed(1).padStart(7)} ms`);
    }
  } finally {
    await browser.close().catch(() => {});
    await served.close();
  }
}
