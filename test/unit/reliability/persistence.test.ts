import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../utils/clip/service';
import { PageStorage } from '../../../utils/storage/page-storage';
import { backupReminder, browserStorageFacts, formatBytes, requestPersistence } from '../../../utils/storage/persistence';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';

/** Tests run in UTC, so these instants are also the local calendar. */
const at = (iso: string) => new Date(iso);

describe('end-of-period backup reminder', () => {
  it('stays quiet mid-month, before the last five days, and when nothing is stored', () => {
    expect(backupReminder(at('2023-10-15T12:00:00Z'), null, 12)).toBeNull();
    expect(backupReminder(at('2023-10-26T09:00:00Z'), null, 12)).toBeNull();
    expect(backupReminder(at('2023-10-30T12:00:00Z'), null, 0)).toBeNull();
    expect(backupReminder(at('2023-11-06T12:00:00Z'), null, 12)).toBeNull();
  });

  it('counts down the last days of the month, then says the month has ended', () => {
    expect(backupReminder(at('2023-10-27T09:00:00Z'), null, 3)).toEqual({ message: 'The month ends in 5 days — download a backup of your collection.', daysLeft: 5 });
    expect(backupReminder(at('2023-10-31T09:00:00Z'), null, 3)?.message).toBe('The month ends today — download a backup of your collection.');
    expect(backupReminder(at('2023-11-03T09:00:00Z'), null, 3)?.message).toBe('October has ended — download a backup of your collection.');
    expect(backupReminder(at('2024-01-02T09:00:00Z'), null, 3)?.message).toBe('December has ended — download a backup of your collection.');
  });

  it('a backup made once the window opened silences it until the next period; an older one does not', () => {
    expect(backupReminder(at('2023-10-30T09:00:00Z'), '2023-10-28T10:00:00.000Z', 3)).toBeNull();
    expect(backupReminder(at('2023-11-02T09:00:00Z'), '2023-10-28T10:00:00.000Z', 3)).toBeNull();
    expect(backupReminder(at('2023-10-30T09:00:00Z'), '2023-10-20T10:00:00.000Z', 3)).not.toBeNull();
    expect(backupReminder(at('2023-11-28T09:00:00Z'), '2023-10-28T10:00:00.000Z', 3)).not.toBeNull();
    expect(backupReminder(at('2023-10-30T09:00:00Z'), 'not a date', 3)).not.toBeNull();
  });
});

describe('browser storage facts', () => {
  it('reports usage, quota and persistence, and "unknown" when the browser cannot say', async () => {
    expect(await browserStorageFacts({ estimate: async () => ({ usage: 2048, quota: 10 ** 9 }), persisted: async () => true })).toEqual({ usageBytes: 2048, quotaBytes: 10 ** 9, persisted: true });
    expect(await browserStorageFacts(undefined)).toEqual({ usageBytes: null, quotaBytes: null, persisted: null });
    expect(await browserStorageFacts({ estimate: () => Promise.reject(new Error('no')), persisted: () => Promise.reject(new Error('no')) })).toEqual({ usageBytes: null, quotaBytes: null, persisted: null });
  });

  it('asks for persistence only when not yet persistent, and never throws', async () => {
    let asked = 0;
    expect(await requestPersistence({ persisted: async () => true, persist: async () => (asked++, true) })).toBe(true);
    expect(asked).toBe(0);
    expect(await requestPersistence({ persisted: async () => false, persist: async () => (asked++, false) })).toBe(false);
    expect(asked).toBe(1);
    expect(await requestPersistence({ persist: () => Promise.reject(new Error('denied')) })).toBeNull();
    expect(await requestPersistence(undefined)).toBeNull();
  });

  it('formats sizes for people', () => {
    expect([formatBytes(null), formatBytes(512), formatBytes(2048), formatBytes(5.5 * 1024 * 1024), formatBytes(300 * 1024 * 1024)]).toEqual(['unknown', '512 B', '2.0 KB', '5.5 MB', '300 MB']);
  });
});

describe('storage status (the popup through the background, the options page directly)', () => {
  let db: NewsdeskDb | undefined;
  afterEach(() => db?.close());

  it('counts live items, shows the reminder at month end, and a full backup silences it', async () => {
    db = openTestDb();
    let now = at('2023-10-29T10:00:00Z');
    let n = 0;
    const env = { now: () => now.getTime(), newId: () => `id-${++n}` };
    const handlers = createHandlers({ db, env, extract: async () => ({ ok: false, error: 'none' }) });
    const pages = new PageStorage(db, env);
    for (const url of ['https://a.example/1', 'https://a.example/2', 'https://a.example/3']) {
      const capture = makeCapture({ url, canonicalUrl: url });
      await handlers['clip.save']({ input: { capture, newsletter: 'xmpp', issue: '2023-10', section: 'clients', entry: 'x', title: 't' }, mode: { kind: 'create' }, suggested: 'clients' });
    }
    const [first] = (await pages.items.listIssue('xmpp', '2023-10')).items;
    await pages.items.remove(first!.id);

    const before = await handlers['storage.status'](null);
    expect(before).toMatchObject({ itemCount: 2, lastBackupAt: null, reminder: { daysLeft: 3 } });

    await pages.exportBackup({ kind: 'issue', newsletter: 'xmpp', issue: '2023-10' });
    expect((await pages.status()).reminder).not.toBeNull(); // one issue is not a backup of everything

    now = at('2023-10-30T08:00:00Z');
    await pages.exportBackup({ kind: 'all' });
    const after = await handlers['storage.status'](null);
    expect(after).toMatchObject({ itemCount: 2, lastBackupAt: '2023-10-30T08:00:00.000Z', reminder: null });
  });
});
