/**
 * `npm run icons`: the toolbar and store icons (16, 32, 48, 128 px) rasterised from
 * assets/icon.svg by Debian's Chromium, into public/icon/<size>.png, where WXT finds them for
 * the manifest. Rerun after editing the SVG; test/browser/icons.test.ts checks the PNGs are
 * what the SVG gives.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const ICON_SIZES = [16, 32, 48, 128] as const;
const root = path.resolve(import.meta.dirname, '..');
export const iconSource = path.join(root, 'assets/icon.svg');
export const iconFile = (size: number) => path.join(root, 'public/icon', `${size}.png`);

/** The SVG drawn at `size` × `size` CSS pixels (device scale 1) on a transparent background. */
export async function renderIcon(browser: Browser, svg: string, size: number): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  try {
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    return await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  } finally {
    await page.close();
  }
}

export function launchForIcons(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--disable-gpu', '--force-color-profile=srgb'] });
}

async function main(): Promise<void> {
  const svg = readFileSync(iconSource, 'utf8');
  const browser = await launchForIcons();
  try {
    mkdirSync(path.dirname(iconFile(16)), { recursive: true });
    for (const size of ICON_SIZES) {
      writeFileSync(iconFile(size), await renderIcon(browser, svg, size));
      console.log(`${path.relative(root, iconFile(size))}`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
