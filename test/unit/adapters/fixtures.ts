/**
 * The adapters' golden fixtures: utils/adapters/<adapter>/fixtures/<name>.json names a saved
 * page (in that folder, gzipped or not, or one of test/fixtures/pages that the browser tests
 * serve too), the URL it was saved from, where it comes from, and the reviewed expected item
 * fields, section and entry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { PageCapture } from '../../../utils/model/capture';

export const repoRoot = path.resolve(__dirname, '../../..');
const adaptersDir = path.join(repoRoot, 'utils/adapters');

export interface GoldenFile {
  /** The saved page, relative to the repository. */
  page: string;
  /** The address it was saved from: the URL decides canonical links and adapter rules. */
  url: string;
  /** "real: …" (where it was saved from) or "invented: …" (why no real page shows this shape). */
  origin: string;
  /** The newsletter the section and entry are for; "xmpp" unless said otherwise. */
  preset?: string;
  /** Expected item fields; a field left out (contentMarkdown of a big page) is not compared. */
  item: Partial<PageCapture>;
  section: string;
  /** Other sections the page's news belongs in too. */
  also?: string[];
  /** The section the entry is drafted for, when not the proposed one (a XEP's second entry). */
  draftFor?: string;
  entry: string;
  /**
   * The entry in the newsletter's current form (the "xmpp" preset's templates, as published
   * since 2025), when the fixture is for an older shape.
   */
  current?: string;
  /** The entry as a real issue printed it, when one did; a note says how ours differs. */
  published?: string;
  note?: string;
}

export interface Golden {
  adapter: string;
  name: string;
  file: string;
  golden: GoldenFile;
}

export function goldenFixtures(): Golden[] {
  const out: Golden[] = [];
  for (const adapter of readdirSync(adaptersDir).sort()) {
    const dir = path.join(adaptersDir, adapter, 'fixtures');
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const file = path.join(dir, entry);
      out.push({ adapter, name: entry.replace(/\.json$/, ''), file, golden: JSON.parse(readFileSync(file, 'utf8')) as GoldenFile });
    }
  }
  return out;
}

/** A saved page as the browser would have it at `url`; jsdom's CSS parser chokes on a few real stylesheets, which extraction never reads. */
export function loadPage(relative: string, url: string): JSDOM {
  const raw = readFileSync(path.join(repoRoot, relative));
  const html = (relative.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  try {
    return new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  } catch {
    return new JSDOM(html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style></style>'), { url, virtualConsole: new VirtualConsole() });
  }
}
