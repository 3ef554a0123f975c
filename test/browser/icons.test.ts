import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICON_SIZES, iconFile, iconSource, launchForIcons, renderIcon } from '../../scripts/icons';
import { extensionDir } from './harness';

/**
 * The toolbar and store icons: in the manifest at the sizes stores ask for, regenerated from
 * assets/icon.svg exactly (no binary without its source), and legible on light and dark
 * toolbars (WCAG 1.4.11: 3:1 for graphics).
 */

const TOOLBARS = { 'light (Chrome)': '#ffffff', 'light (Firefox)': '#f9f9fb', 'dark tab strip (Chrome)': '#202124', 'dark (Chrome)': '#35363a', 'dark (Firefox)': '#2b2a33' };

let browser: Browser | undefined;
let page: Page | undefined;

beforeAll(async () => {
  browser = await launchForIcons();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** RGBA pixels of a PNG, decoded by Chromium. */
async function pixels(png: Buffer): Promise<{ width: number; height: number; data: number[] }> {
  return page!.evaluate(async (b64) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    return { width: bitmap.width, height: bitmap.height, data: [...ctx.getImageData(0, 0, bitmap.width, bitmap.height).data] };
  }, png.toString('base64'));
}

function luminance(r: number, g: number, b: number): number {
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [luminance(...a), luminance(...b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('icons', () => {
  it('are in the built manifest at 16, 32, 48 and 128 px', () => {
    const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as { icons?: Record<string, string> };
    expect(manifest.icons).toEqual({ 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' });
    for (const [size, file] of Object.entries(manifest.icons!)) {
      const png = readFileSync(path.join(extensionDir, file));
      // PNG header: width and height are the IHDR chunk's first two 32-bit words.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
  });

  it.each(ICON_SIZES)('%i px: the committed PNG is what assets/icon.svg renders to (npm run icons)', async (size) => {
    const committed = await pixels(readFileSync(iconFile(size)));
    const fresh = await pixels(await renderIcon(browser!, readFileSync(iconSource, 'utf8'), size));
    expect([committed.width, committed.height]).toEqual([size, size]);
    const worst = committed.data.reduce((max, v, i) => Math.max(max, Math.abs(v - fresh.data[i]!)), 0);
    expect(worst, 'largest channel difference (0–255)').toBeLessThanOrEqual(2);
  });

  it.each(ICON_SIZES)('%i px: the tile stands out from light and dark toolbars, the page from the tile', async (size) => {
    const { data, width } = await pixels(readFileSync(iconFile(size)));
    const at = (x: number, y: number): [number, number, number] => {
      const i = (y * width + x) * 4;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
    // The tile's edge (left middle, inside the rounded corner) and the page's middle.
    const tile = at(Math.floor(size / 16), Math.floor(size / 2));
    const page = at(Math.floor(size / 2), Math.floor((size * 13) / 16) - 1);
    expect(data[(Math.floor(size / 2) * width) * 4 + 3], 'tile edge is opaque').toBe(255);
    for (const [name, toolbar] of Object.entries(TOOLBARS)) {
      expect(contrast(tile, rgb(toolbar)), `tile on ${name} toolbar`).toBeGreaterThanOrEqual(3);
    }
    expect(contrast(page, tile), 'page on tile').toBeGreaterThanOrEqual(3);
  });
});
