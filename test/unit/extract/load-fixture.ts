import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';

const fixturesDir = path.resolve(__dirname, '../../fixtures/pages');

/** A saved page from test/fixtures/pages as the browser would have it at `url`. */
export function loadFixture(name: string, url: string): Document {
  const html = readFileSync(path.join(fixturesDir, name), 'utf8');
  return new JSDOM(html, { url }).window.document;
}

export function domFrom(html: string, url = 'https://example.org/post'): Document {
  return new JSDOM(html, { url }).window.document;
}
