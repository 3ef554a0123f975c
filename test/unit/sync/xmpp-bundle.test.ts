import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The transport ships in the extension (service worker and pages): it must bundle for the
 * browser without Node built-ins or DOM-only APIs, and stay small. Budget: the gzip size of
 * @xmpp/client 0.14 alone (16.2 KB, measured the same way), which has no PubSub.
 */
describe('the XMPP transport bundle', () => {
  it('builds for the browser with no Node built-ins, no DOMParser or window, within budget', async () => {
    const result = await build({
      entryPoints: [path.join(repoRoot, 'utils/sync/xmpp/index.ts')],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log(`utils/sync/xmpp bundle: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzip / 1024).toFixed(1)} KB gzip`);
    expect(Object.keys(result.metafile.inputs).every((input) => input.startsWith('utils/sync/xmpp/'))).toBe(true);
    expect(code).not.toMatch(/\bDOMParser\b|\bwindow\.|\bdocument\./);
    expect(gzip).toBeLessThan(16_200);
  }, 30_000);
});
