import { afterEach, describe, expect, it } from 'vitest';
import { backupToJson, parseBackup } from '../../../utils/backup';
import { createHandlers } from '../../../utils/clip/service';
import { getPreset } from '../../../utils/presets';
import { newsletterToJson, newsletterFromJson } from '../../../utils/presets/schema';
import { PageStorage } from '../../../utils/storage/page-storage';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';
import { idSequence } from '../../support/store';

/**
 * The popup's background (messages) and the pages' storage API (PageStorage) working on the same
 * database, in Node on fake-indexeddb: newsletters and settings from the options page, clips from
 * the popup, backups from the options page.
 */

const env = { now: () => Date.parse('2024-02-14T10:00:00Z'), newId: idSequence() };

const dbs: NewsdeskDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function setup() {
  const db = openTestDb();
  dbs.push(db);
  const capture = makeCapture();
  const handlers = createHandlers({ db, env, extract: async () => ({ ok: true, capture }) });
  const pages = new PageStorage(db, env);
  return Object.assign(handlers, {
    'newsletter.save': ({ newsletter }: { newsletter: Parameters<PageStorage['saveNewsletter']>[0] }) => pages.saveNewsletter(newsletter),
    'newsletters.list': () => pages.newsletters(),
    'newsletter.delete': ({ id }: { id: string }) => pages.deleteNewsletter(id),
    'settings.set': (patch: Parameters<PageStorage['setSettings']>[0]) => pages.setSettings(patch),
    pages,
  });
}

const own = { ...getPreset('weekly-digest'), id: 'town-weekly', name: 'Town weekly' };

describe('newsletters and backups through the background', () => {
  it('a user newsletter: saved, listed, chosen; the popup then clips into its ISO week', async () => {
    const h = setup();
    const saved = await h['newsletter.save']({ newsletter: own });
    expect(saved.updatedAt).toBe('2024-02-14T10:00:00.000Z');
    expect((await h['newsletters.list']()).map((n) => n.id)).toContain('town-weekly');
    await h['settings.set']({ newsletter: 'town-weekly' });
    const prep = await h['clip.prepare']({ tabId: 1, url: 'https://gajim.org/x', title: 't' });
    expect(prep).toMatchObject({ newsletter: 'town-weekly', issue: '2024-W07' });
    expect(prep.sections.map((s) => s.id)).toEqual(['news', 'releases', 'media', 'participation', 'events', 'jobs', 'quote']);
    const { item } = await h['clip.save']({
      input: { capture: prep.capture, newsletter: 'town-weekly', issue: prep.issue, section: 'releases', entry: prep.entry, title: prep.capture.title },
      mode: { kind: 'create' },
      suggested: prep.suggestion.section,
    });
    expect(item.issue).toBe('2024-W07');
    const draft = await h['export.draft']({ newsletter: 'town-weekly', issue: '2024-W07' });
    expect(draft.fileName).toBe('2024-02-21-this-week-2024-W07.md');
    expect(draft.markdown).toContain('### Project Updates\n\n- ');
  });

  it('refuses a monthly key for a weekly newsletter, an unknown newsletter in settings, a built-in id for a user newsletter', async () => {
    const h = setup();
    await h['newsletter.save']({ newsletter: own });
    const capture = makeCapture();
    await expect(
      h['clip.save']({ input: { capture, newsletter: 'town-weekly', issue: '2024-02', section: 'news', entry: 'x', title: 'x' }, mode: { kind: 'create' }, suggested: 'news' }),
    ).rejects.toThrow(/"2024-02" is not an issue of Town weekly \(a week like 2024-W07\)/);
    await expect(h['settings.set']({ newsletter: 'nope' })).rejects.toThrow(/Unknown newsletter "nope"/);
    await expect(h['newsletter.save']({ newsletter: { ...own, id: 'xmpp' } })).rejects.toThrow(/built-in newsletter/);
    await expect(h['newsletter.save']({ newsletter: { ...own, sections: [] } })).rejects.toThrow(/Sections: needs at least one section/);
  });

  it('a deleted user newsletter: the popup falls back to the default; deleting is refused while items belong to it', async () => {
    const h = setup();
    await h['newsletter.save']({ newsletter: own });
    await h['settings.set']({ newsletter: 'town-weekly' });
    await h['newsletter.delete']({ id: 'town-weekly' });
    expect((await h['clip.prepare']({ tabId: 1, url: 'https://gajim.org/x', title: 't' })).newsletter).toBe('xmpp');

    await h['newsletter.save']({ newsletter: own });
    await h['clip.save']({
      input: { capture: makeCapture(), newsletter: 'town-weekly', issue: '2024-W07', section: 'news', entry: 'x', title: 'x' },
      mode: { kind: 'create' },
      suggested: 'news',
    });
    await expect(h['newsletter.delete']({ id: 'town-weekly' })).rejects.toThrow(/1 item still belong to this newsletter/);
  });

  it('exports a backup, previews and imports it elsewhere, the second time changing nothing', async () => {
    const a = setup();
    await a['newsletter.save']({ newsletter: own });
    await a['settings.set']({ contributor: 'Ada' });
    const prep = await a['clip.prepare']({ tabId: 1, url: 'https://gajim.org/x', title: 't' });
    await a['clip.save']({ input: { capture: prep.capture, newsletter: 'xmpp', issue: '2024-02', section: 'clients', entry: prep.entry, title: prep.capture.title }, mode: { kind: 'create' }, suggested: 'clients' });
    const json = backupToJson(await a.pages.items.exportBackup({ kind: 'all' }));

    const b = setup();
    const file = () => parseBackup(json, 'ada.json');
    const preview = await b.pages.items.previewImport([file()]);
    expect(preview.summary).toMatchObject({ added: 1, newslettersAdded: 1 });
    expect(await b.pages.items.listIssues('xmpp')).toEqual([]); // a preview writes nothing
    expect((await b.pages.items.importFiles([file()])).summary).toMatchObject({ added: 1, newslettersAdded: 1 });
    expect((await b.pages.items.importFiles([file()])).summary).toMatchObject({ added: 0, updated: 0, newslettersAdded: 0 });
    const [item] = (await b.pages.items.listIssue('xmpp', '2024-02')).items;
    expect(item?.contributor).toBe('Ada');
    expect((await b['newsletters.list']()).map((n) => n.id)).toContain('town-weekly');
    expect(() => parseBackup('{"hello": 1}')).toThrow(/not a Newsdesk backup/);
  });

  it('a newsletter definition survives export to a file and import into another browser', async () => {
    const a = setup();
    const saved = await a['newsletter.save']({ newsletter: own });
    const b = setup();
    const imported = await b['newsletter.save']({ newsletter: newsletterFromJson(newsletterToJson(saved)) });
    expect({ ...imported, updatedAt: undefined }).toEqual({ ...saved, updatedAt: undefined });
  });
});
