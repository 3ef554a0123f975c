/**
 * `npm run xeps:eval [-- <clone of xsf/xeps>]`: for every published issue in
 * ../shared/reference, draft the XEP section of the month(s) it covers from the xsf/xeps history
 * and compare it with the published one: precision and recall per subsection by XEP and version
 * (ProtoXEPs by their inbox name, Last Calls by XEP), and the share of drafted entries identical
 * to the published ones (whitespace normalised, nothing else). Prints tables and the differences.
 * Without a clone argument, the bundle in ../shared/data is cloned once into the temp folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { xepsClone } from '../test/support/xeps-clone';
import { monthChanges } from '../utils/xeps/changes';
import { xmppNewsletter } from '../utils/presets/xmpp';
import { xepEntry } from '../utils/xeps/entries';
import { loadMonthHistory } from '../utils/xeps/history';
import { GitHistory } from '../utils/xeps/source-git';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const referenceDir = path.resolve(root, '../shared/reference');
/** Headings of the Extensions and specifications section, in the newsletter's order. */
const HEADING_ORDER = ['Proposed', 'New', 'Deferred', 'Updated', 'Last Call', 'Stable', 'Deprecated', 'Rejected'] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface Entry {
  heading: string;
  key: string;
  text: string;
}

/** "The XMPP Newsletter December 2023 & January 2024" → ["2023-12", "2024-01"]. */
export function coveredMonths(markdown: string): string[] {
  const title = /^title:\s*"?(.+?)"?\s*$/m.exec(markdown)?.[1] ?? '';
  return [...title.matchAll(new RegExp(`(${MONTHS.join('|')}) (\\d{4})`, 'g'))].map((m) => `${m[2]}-${String(MONTHS.indexOf(m[1]!) + 1).padStart(2, '0')}`);
}

function headingOf(raw: string): string | null {
  const h = raw.replace(/\(formerly known as Draft\)/i, '').trim().toLowerCase();
  if (h === 'draft') return 'Stable';
  if (h === 'obsoleted') return 'Deprecated';
  return HEADING_ORDER.find((x) => x.toLowerCase() === h) ?? null;
}

const spaces = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Key of an entry: the XEP (or ProtoXEP) and the version it names. */
export function entryKey(head: string): string {
  const version = /^(?:Version\s+)?(\d[\w.+-]*)\s+of\b/i.exec(head)?.[1] ?? '';
  const xep = /XEP-(\d{4})/.exec(head)?.[1] ?? /\/xep-(\d{4})\.html/.exec(head)?.[1];
  const proto = /\/inbox\/([^/)\s]+)\.html/.exec(head)?.[1];
  const who = xep ? `XEP-${xep}` : proto ? `inbox/${proto}` : spaces(head).toLowerCase();
  return `${who}${version ? ` ${version}` : ''}`;
}

/** The published section's entries: top-level bullets with their nested lines. */
export function publishedEntries(markdown: string): Entry[] {
  const section = /^## Extensions and specifications\s*$([\s\S]*?)(?=^## )/m.exec(markdown)?.[1] ?? '';
  const entries: Entry[] = [];
  let heading: string | null = null;
  let current: { head: string; nested: string[] } | null = null;
  const flush = () => {
    if (current && heading && !/^No\b.*\bthis month\.?$/i.test(current.head)) {
      entries.push({ heading, key: entryKey(current.head), text: [current.head, ...current.nested.map((n) => `  - ${n}`)].join('\n') });
    }
    current = null;
  };
  for (const line of section.split('\n')) {
    const sub = /^###\s+(.+)$/.exec(line);
    if (sub) {
      flush();
      heading = headingOf(sub[1]!);
      continue;
    }
    const top = /^[-*]\s+(.*)$/.exec(line);
    const nested = /^\s{2,}[-*]\s+(.*)$/.exec(line);
    if (top) {
      flush();
      current = { head: spaces(top[1]!), nested: [] };
    } else if (nested && current) {
      current.nested.push(spaces(nested[1]!));
    } else if (line.trim() !== '' && current && /^\s{2,}\S/.test(line)) {
      // A wrapped continuation of the last line.
      const target: { head: string; nested: string[] } = current;
      if (target.nested.length > 0) target.nested[target.nested.length - 1] += ` ${spaces(line)}`;
      else target.head += ` ${spaces(line)}`;
    } else if (line.trim() !== '' && !/^\s/.test(line)) {
      flush();
    }
  }
  flush();
  return entries;
}

export async function draftedEntries(git: GitHistory, months: readonly string[]): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const month of months) {
    const result = monthChanges(await loadMonthHistory(git, month));
    for (const change of result.changes) {
      // Written by the XMPP Newsletter's templates, as the CLI and the Desk write them.
      const entry = xepEntry(change, xmppNewsletter);
      const [head, ...nested] = entry.markdown.split('\n');
      out.push({ heading: entry.heading, key: entryKey(head!), text: [spaces(head!), ...nested.map((n) => `  - ${spaces(n.replace(/^\s*-\s/, ''))}`)].join('\n') });
    }
  }
  return out;
}

interface Tally {
  drafted: number;
  published: number;
  matched: number;
  identical: number;
  /** Identical once the older issues' absolute xmpp.org links are read as site-relative. */
  sameButLinks: number;
}

const tally = (): Tally => ({ drafted: 0, published: 0, matched: 0, identical: 0, sameButLinks: 0 });
const siteRelative = (text: string) => text.replace(/\]\(https:\/\/xmpp\.org\//g, '](/');
const ratio = (a: number, b: number) => (b === 0 ? '—' : (a / b).toFixed(2));

async function main(): Promise<void> {
  const clone = process.argv[2] ?? xepsClone();
  const git = new GitHistory(clone);
  const files = readdirSync(referenceDir).filter((f) => /^xmpp-newsletter-\d{4}-\d{2}-\d{2}\.md$/.test(f)).sort();
  const bySection = new Map<string, Tally>(HEADING_ORDER.map((h) => [h, tally()]));
  const perIssue: string[] = [];
  const differences: string[] = [];
  for (const file of files) {
    const markdown = readFileSync(path.join(referenceDir, file), 'utf8');
    const months = coveredMonths(markdown);
    const published = publishedEntries(markdown);
    const drafted = await draftedEntries(git, months);
    const issue = tally();
    for (const heading of HEADING_ORDER) {
      const t = bySection.get(heading)!;
      const mine = drafted.filter((e) => e.heading === heading);
      const theirs = published.filter((e) => e.heading === heading);
      const theirKeys = new Map(theirs.map((e) => [e.key, e]));
      const myKeys = new Set(mine.map((e) => e.key));
      for (const e of mine) {
        const match = theirKeys.get(e.key);
        if (match) {
          t.matched++;
          issue.matched++;
          if (siteRelative(match.text) === e.text) {
            t.sameButLinks++;
            issue.sameButLinks++;
          }
          if (match.text === e.text) {
            t.identical++;
            issue.identical++;
          } else {
            differences.push(`${file} ${heading} ${e.key}: text differs\n    drafted:   ${e.text.replace(/\n/g, '\n               ')}\n    published: ${match.text.replace(/\n/g, '\n               ')}`);
          }
        } else {
          differences.push(`${file} ${heading} ${e.key}: drafted, not published`);
        }
      }
      for (const e of theirs) if (!myKeys.has(e.key)) differences.push(`${file} ${heading} ${e.key}: published, not drafted`);
      t.drafted += mine.length;
      t.published += theirs.length;
      issue.drafted += mine.length;
      issue.published += theirs.length;
    }
    perIssue.push(
      `| ${file.replace(/^xmpp-newsletter-|\.md$/g, '')} | ${months.join(' + ')} | ${issue.drafted} | ${issue.published} | ${issue.matched} | ${ratio(issue.matched, issue.drafted)} | ${ratio(issue.matched, issue.published)} | ${issue.identical} (${ratio(issue.identical, issue.drafted)}) | ${issue.sameButLinks} |`,
    );
  }
  const lines = [
    '| subsection | drafted | published | matched | precision | recall | identical / drafted | … but for link form |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const total = tally();
  for (const [heading, t] of bySection) {
    if (t.drafted + t.published === 0) continue;
    lines.push(`| ${heading} | ${t.drafted} | ${t.published} | ${t.matched} | ${ratio(t.matched, t.drafted)} | ${ratio(t.matched, t.published)} | ${t.identical} (${ratio(t.identical, t.drafted)}) | ${t.sameButLinks} |`);
    for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
  }
  lines.push(`| all | ${total.drafted} | ${total.published} | ${total.matched} | ${ratio(total.matched, total.drafted)} | ${ratio(total.matched, total.published)} | ${total.identical} (${ratio(total.identical, total.drafted)}) | ${total.sameButLinks} |`);
  process.stdout.write(`XEP sections drafted from ${clone} vs the published issues in ${path.relative(root, referenceDir)}\n\n`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
  process.stdout.write(`| issue | months | drafted | published | matched | precision | recall | identical (share) | … but for link form |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n${perIssue.join('\n')}\n\n`);
  process.stdout.write(`Differences:\n${differences.map((d) => `- ${d}`).join('\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
