import { siteKey, suggestSection } from '../categorize/suggest';
import { draftItemOfRecord } from '../export/select';
import { composeDraft, draftFileName } from '../export/draft';
import type { ExtractResult } from '../extract/page';
import type { PageCapture } from '../model/capture';
import { isIssueKey, issueForDate } from '../model/issue';
import type { Handlers } from '../messages/server';
import type { SectionOption } from '../messages/protocol';
import { defaultPreset, resolveNewsletter } from '../presets';
import { collectedSections, filingId, findSection, newsletterIds, sectionPath, type NewsletterPreset } from '../presets/types';
import { ItemStore, type StoreEnv } from '../storage/items';
import { IssueMetaStore } from '../storage/issue-meta';
import { readMemory, readProjectNotes, rememberChoice, rememberProjectNotes } from '../storage/memory';
import { projectNote } from '../templates/learn';
import { listUserNewsletters } from '../storage/newsletters';
import type { NewsdeskDb } from '../storage/schema';
import { storageStatus } from '../storage/persistence';
import { readSettings } from '../storage/settings';
import { sendersOf } from '../storage/outbox';
import type { NewsItem } from '../model/item';
import { draftEntry } from '../summarize/entry';
import { fallbackCapture } from './fallback';
import { LINK_NOTICE, selectionMarkdown, type MenuClip } from './menu';
import { unreadableReason } from './unreadable';

/**
 * The background's answers to the popup (the one page that does not load Dexie; the Desk and
 * the options page use utils/storage directly). Browser specifics (injection) come in as a
 * function, so all of this runs in Node tests on fake-indexeddb.
 */
export interface ServiceDeps {
  db: NewsdeskDb;
  extract: (tabId: number) => Promise<ExtractResult>;
  /** The context-menu click waiting for this tab's popup, if any (utils/clip/context-menu.ts). */
  menuClip?: (tabId: number) => Promise<MenuClip> | null;
  env?: StoreEnv;
}

function sectionOptions(preset: NewsletterPreset): SectionOption[] {
  return collectedSections(preset).map((s) => ({ id: s.id, path: sectionPath(preset, s.id) }));
}

function requireCollected(preset: NewsletterPreset, section: string): void {
  if (findSection(preset, section)?.kind !== 'collected') {
    throw new Error(`"${section}" is not a section of ${preset.name} that holds items.`);
  }
}

/** “Alice (alice@example.org)”, “alice@example.org”, “Alice”, or null when nobody is known. */
async function clippedBy(db: NewsdeskDb, item: NewsItem): Promise<string | null> {
  const sender = (await sendersOf(db, [item.id])).get(item.id);
  const jid = sender?.firstJid;
  if (item.contributor && jid) return `${item.contributor} (${jid})`;
  return item.contributor || jid || null;
}

/**
 * The page (or, after a context-menu click, the selection or a link) as a capture. A link is
 * never opened: it goes through the same fallback as a page that cannot be read.
 */
async function captureFor(
  { tabId, url, title }: { tabId: number; url: string; title: string },
  menu: MenuClip | null,
  extract: ServiceDeps['extract'],
): Promise<{ result: ExtractResult; capture: PageCapture }> {
  if (menu?.kind === 'link') return { result: { ok: false, error: LINK_NOTICE }, capture: fallbackCapture(menu.url, menu.text) };
  const blocked = unreadableReason(url);
  const result: ExtractResult = blocked ? { ok: false, error: blocked } : await extract(tabId);
  const capture = result.ok ? result.capture : fallbackCapture(url, title);
  // "Clip selection": the browser's selection text when the page's reading found none (too
  // short for the extractor, in a frame, or a page that cannot be read).
  if (menu?.kind === 'selection' && !capture.selectionMarkdown?.trim()) {
    return { result, capture: { ...capture, selectionMarkdown: selectionMarkdown(menu.text) } };
  }
  return { result, capture };
}

export function createHandlers({ db, extract, menuClip, env = {} }: ServiceDeps): Omit<Handlers, `newsroom.${string}`> {
  const items = new ItemStore(db, env);
  const now = () => new Date((env.now ?? Date.now)());
  // Built-in presets and the user's own, looked up on each request so edits apply at once.
  const getPreset = async (id: string): Promise<NewsletterPreset> => resolveNewsletter(id, await listUserNewsletters(db));

  return {
    async 'clip.prepare'(request) {
      // The page is read while the settings, newsletter and memory load: neither waits for the other.
      const context = (async () => {
        const settings = await readSettings(db);
        // A chosen newsletter that was deleted since falls back to the default, never a dead popup.
        const preset = await getPreset(settings.newsletter).catch(() => defaultPreset);
        const [memory, projects] = await Promise.all([readMemory(db, preset.id), readProjectNotes(db, filingId(preset))]);
        return { settings, preset, memory, knowledge: { projects } };
      })();
      const [{ settings, preset, memory, knowledge }, { result, capture }] = await Promise.all([
        context,
        (async () => captureFor(request, (await menuClip?.(request.tabId)) ?? null, extract))(),
      ]);
      const suggestion = suggestSection(capture, preset, memory);
      const issue = issueForDate(now(), preset.cadence);
      const family = newsletterIds(preset);
      // The same page in this issue is the item to update; in other issues, news the user should know.
      const existing = (await items.findByUrl(capture.canonicalUrl, { newsletter: filingId(preset), issue })) ?? null;
      const elsewhere = capture.canonicalUrl ? ((await items.coveredElsewhere([capture.canonicalUrl], family, issue)).get(capture.canonicalUrl) ?? []) : [];
      return {
        readable: result.ok,
        // A page that was read but is an error page (404, 'page not found') says so too.
        problem: result.ok ? (capture.error?.message ?? null) : result.error,
        capture,
        newsletter: preset.id,
        sections: sectionOptions(preset),
        suggestion,
        entry: draftEntry(capture, preset, suggestion.section, knowledge),
        issue,
        existing,
        covered: elsewhere.slice(0, 5).map((c) => ({ issue: c.issue, section: sectionPath(preset, c.section), contributor: c.contributor, archived: c.archived })),
        existingBy: existing ? await clippedBy(db, existing) : null,
        contributor: settings.contributor,
      };
    },

    async 'clip.redraft'({ capture, newsletter, section }) {
      const preset = await getPreset(newsletter);
      requireCollected(preset, section);
      return draftEntry(capture, preset, section, capture.release ? { projects: await readProjectNotes(db, filingId(preset)) } : undefined);
    },

    async 'clip.save'({ input, mode, suggested }) {
      const preset = await getPreset(input.newsletter);
      requireCollected(preset, input.section);
      if (!isIssueKey(input.issue, preset.cadence)) {
        throw new Error(`"${input.issue}" is not an issue of ${preset.name} (${preset.cadence === 'weekly' ? 'a week like 2024-W07' : 'a month like 2023-10'}).`);
      }
      if (!input.capture.canonicalUrl) throw new Error('Nothing to save: the browser does not show this tab’s address to extensions.');
      // A shape of a newsletter (the XMPP Newsletter as in 2024) files items under the newsletter.
      // A section in alphabetical order (software news) places the clip among the others by project.
      const sortKey = findSection(preset, input.section)?.order === 'alphabetical' ? (input.capture.release?.project ?? input.title) : undefined;
      const { sortKey: _fromPage, ...clip } = input;
      const saved = await items.saveClip({ ...clip, newsletter: filingId(preset), ...(sortKey !== undefined ? { sortKey } : {}) }, mode);
      // The release entry as the user left it teaches the project's home page and description.
      const note = input.capture.release ? projectNote(input.entry) : null;
      if (note) await rememberProjectNotes(db, filingId(preset), [note], now()).catch(() => undefined);
      if (input.section !== suggested && !input.capture.xep) {
        // The user corrected the proposal: propose their choice next time.
        await rememberChoice(
          db,
          preset.id,
          { site: siteKey(input.capture.canonicalUrl), project: input.capture.release?.project ?? null, section: input.section },
          now(),
        );
      }
      return saved;
    },

    async 'export.draft'({ newsletter, issue }) {
      const preset = await getPreset(newsletter);
      const { items: list, damaged } = await items.listIssue(newsletterIds(preset), issue);
      // A record that cannot be read keeps its place in the draft as a TODO line naming it.
      const unreadable = damaged.flatMap((d) => draftItemOfRecord(d.record, preset.id, issue) ?? []);
      // The issue's details: the editor's teaser, extra credits, occasional blocks.
      const meta = (await new IssueMetaStore(db).get(filingId(preset), issue)) ?? null;
      const { markdown, problems } = composeDraft({ preset, issue, items: [...list, ...unreadable], meta });
      return {
        markdown,
        fileName: draftFileName(preset, issue),
        count: list.filter((i) => i.status !== 'excluded').length,
        damaged: damaged.length,
        problems,
      };
    },
    'storage.status': () => storageStatus(db, now()),
  };
}
