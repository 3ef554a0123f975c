/**
 * Screenshots for the README, taken from the built extension in Chromium the way the browser
 * tests drive it: `npm run screenshots` (after `npx wxt build`).
 */
import path from 'node:path';
import { clickToolbarButton, launch, repoRoot, serveFixtures } from '../test/browser/harness';

const fixtures = path.join(repoRoot, 'test/fixtures/pages');
const { server, port } = await serveFixtures({
  '/post/2023-10-10-gajim-1.8.2-released/': { file: path.join(fixtures, 'hugo-blog-post.html') },
});
const session = await launch(port);
try {
  const page = await session.context.newPage();
  await page.goto('http://gajim.org/post/2023-10-10-gajim-1.8.2-released/');
  const popup = await clickToolbarButton(session, page);
  await popup.locator('#entry').waitFor();
  await popup.screenshot({ path: path.join(repoRoot, 'docs/popup.png'), fullPage: true });
  console.log('wrote docs/popup.png');
} finally {
  await session.close();
  server.close();
}
