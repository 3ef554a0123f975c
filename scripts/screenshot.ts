/**
 * Screenshots for the README, taken from the built extension in Chromium the way the browser
 * tests drive it: `npm run screenshots` (after `npx wxt build`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { clickToolbarButton, launch, repoRoot, seedItems, serveFixtures } from '../test/browser/harness';

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

  // The Desk on the October 2023 items (modelled on the published issue), one item open.
  const desk = await session.context.newPage();
  await desk.setViewportSize({ width: 1440, height: 900 });
  await desk.goto(`chrome-extension://${session.extensionId}/desk.html?newsletter=xmpp&issue=2023-10`);
  await desk.getByTestId('summary').waitFor();
  const items = JSON.parse(await readFile(path.join(repoRoot, 'test/fixtures/export/xmpp-2023-10.items.json'), 'utf8')) as unknown[];
  await seedItems(desk, items);
  await desk.reload();
  const first = desk.locator('[data-card]').first();
  await first.waitFor();
  await first.getByRole('button', { name: 'Edit' }).click();
  await first.locator('.entry-edit .entry-preview').waitFor();
  await desk.screenshot({ path: path.join(repoRoot, 'docs/desk.png') });
  console.log('wrote docs/desk.png');
} finally {
  await session.close();
  server.close();
}
