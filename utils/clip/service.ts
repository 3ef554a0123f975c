import { siteKey, suggestSection } from '../categorize/suggest';
import { composeDraft, draftFileName } from '../export/draft';
import type { ExtractResult } from '../extract/page';
import { isIssueKey, issueForDate } from '../model/issue';
import type { Handlers } from '../messages/server';
import type { SectionOption } from '../messages/protocol';
import { backupFileName, backupToJson, parseBackup, reportOf } from '../backup';
import { exportBackup, importBackups, previewImport } from '../backup/store';
import { defaultPreset, listNewsletters, resolveNewsletter } from '../presets';
import { collectedSections, findSection, sectionPath, type NewsletterPreset } from '../presets/types';
import { Collection, systemClock, type Clock } from '../storage/collection';
import { readMemory, rememberChoice } from '../storage/memory';
import { deleteUserNewsletter, listUserNewsletters, saveUserNewsletter } from '../storage/newsletters';
import type { NewsdeskDb } from '../storage/schema';
import { backupReminder, browserStorageFacts, countLiveItems } from '../storage/persistence';
import { noteBackupMade, readLastBackup, readSettings, writeSettings } from '../storage/settings';
import { draftEntry } from '../summarize/entry';
import { fallbackCapture } from './fallback';
import { unreadableReason } from './unreadable';

/**
 * The background's answers to the extension's pages. Browser specifics (injection) come in
 * as a function, so all of this runs in Node tests on fake-indexeddb.
 */
export interface ServiceDeps {
  db: NewsdeskDb;
  extract: (tabId: number) => Promise<ExtractResult>;
  clock?: Clock;
}

function sectionOptions(preset: NewsletterPreset): SectionOption[] {
  return collectedSections(preset).map((s) => ({ id: s.id, path: sectionPath(preset, s.id) }));
}

function requireCollected(preset: NewsletterPreset, section: string): void {
  if (findSection(preset, section)?.kind !== 'collected') {
    throw new Error(`"${section}" is not a section of ${preset.name} that holds items.`);
  }
}

export function createHandlers({ db, extract, clock = systemClock }: ServiceDeps): Handlers {
  const items = new Collection(db, clock);
  // Built-in presets and the user's own, looked up on each request so edits apply at once.
  const getPreset = async (id: string): Promise<NewsletterPreset> => resolveNewsletter(id, await listUserNewsletters(db));

  return {
    async 'clip.prepare'({ tabId, url, title }) {
      const settings = await readSettings(db);
      // A chosen newsletter that was deleted since falls back to the default, never a dead popup.
      const preset = await getPreset(settings.newsletter).catch(() => defaultPreset);
      const blocked = unreadableReason(url);
      const result: ExtractResult = blocked ? { ok: false, error: blocked } : await extract(tabId);
      const capture = result.ok ? result.capture : fallbackCapture(url, title);
      const memory = await readMemory(db, preset.id);
      const suggestion = suggestSection(capture, preset, memory);
      return {
        readable: result.ok,
        problem: result.ok ? null : result.error,
        capture,
        newsletter: preset.id,
        sections: sectionOptions(preset),
        suggestion,
        entry: draftEntry(capture, preset, suggestion.section),
        issue: issueForDate(clock.now(), preset.cadence),
        existing: (await items.findByUrl(capture.canonicalUrl)) ?? null,
        contributor: settings.contributor,
      };
    },

    async 'clip.redraft'({ capture, newsletter, section }) {
      const preset = await getPreset(newsletter);
      requireCollected(preset, section);
      return draftEntry(capture, preset, section);
    },

    async 'clip.save'({ input, mode, suggested }) {
      const preset = await getPreset(input.newsletter);
      requireCollected(preset, input.section);
      if (!isIssueKey(input.issue, preset.cadence)) {
        throw new Error(`"${input.issue}" is not an issue of ${preset.name} (${preset.cadence === 'weekly' ? 'a week like 2024-W07' : 'a month like 2023-10'}).`);
      }
      if (!input.capture.canonicalUrl) throw new Error('Nothing to save: the browser does not show this tab’s address to extensions.');
      const settings = await readSettings(db);
      const item = await items.saveClip(input, settings.contributor, mode);
      if (input.section !== suggested && !input.capture.xep) {
        // The user corrected the proposal: propose their choice next time.
        await rememberChoice(
          db,
          preset.id,
          { site: siteKey(input.capture.canonicalUrl), project: input.capture.release?.project ?? null, section: input.section },
          clock.now(),
        );
      }
      return item;
    },

    'issues.list': ({ newsletter }) => items.listIssues(newsletter),
    'issue.items': ({ newsletter, issue }) => items.listIssue(newsletter, issue),
    'item.update': ({ id, patch }) => items.update(id, patch),
    'item.remove': async ({ id }) => (await items.remove(id), null),
    'item.restore': async ({ id }) => (await items.restore(id), null),

    async 'export.draft'({ newsletter, issue }) {
      const preset = await getPreset(newsletter);
      const list = await items.listIssue(newsletter, issue);
      const { markdown, problems } = composeDraft({ preset, issue, items: list });
      return {
        markdown,
        fileName: draftFileName(preset, issue),
        count: list.filter((i) => i.status !== 'excluded').length,
        problems,
      };
    },

    'sections.list': async ({ newsletter }) => sectionOptions(await getPreset(newsletter)),

    'newsletters.list': async () => listNewsletters(await listUserNewsletters(db)),
    'newsletter.get': ({ id }) => getPreset(id),
    'newsletter.save': ({ newsletter }) => saveUserNewsletter(db, newsletter, clock.now()),
    'newsletter.delete': async ({ id }) => (await deleteUserNewsletter(db, id), null),

    async 'backup.export'({ scope }) {
      const backup = await exportBackup(db, scope, clock.now());
      if (scope.kind === 'all') await noteBackupMade(db, clock.now());
      return { json: backupToJson(backup), fileName: backupFileName(backup) };
    },
    'backup.preview': async ({ json }) => reportOf(await previewImport(db, [parseBackup(json)])),
    'backup.import': async ({ json }) => reportOf(await importBackups(db, [parseBackup(json)])),
    async 'storage.status'() {
      const [itemCount, lastBackupAt, facts] = await Promise.all([countLiveItems(db), readLastBackup(db), browserStorageFacts()]);
      return { itemCount, lastBackupAt, ...facts, reminder: backupReminder(clock.now(), lastBackupAt, itemCount) };
    },
    'settings.get': () => readSettings(db),
    async 'settings.set'(patch) {
      if (patch.newsletter !== undefined) await getPreset(patch.newsletter.trim()); // refuses an unknown id
      return writeSettings(db, patch);
    },
  };
}
