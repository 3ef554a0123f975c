import { afterEach, describe, expect, it } from 'vitest';
import { backupToJson, buildBackup, parseBackup, type ParsedBackup } from '../../../utils/backup';
import { composeDraft } from '../../../utils/export/draft';
import { mergeIssueMetas } from '../../../utils/merge/issue-meta';
import { ValidationError } from '../../../utils/model/fit';
import { compareHlc } from '../../../utils/model/hlc';
import { issueMetaRecordId, type IssueMeta } from '../../../utils/model/issue-meta';
import { getPreset } from '../../../utils/presets';
import { IssueMetaStore } from '../../../utils/storage/issue-meta';
import { ItemStore } from '../../../utils/storage/items';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';
import { idSequence, steppingNow } from '../../support/store';

/**
 * An issue's details (teaser, extra contributors, occasional blocks) on real Dexie over
 * fake-indexeddb: written only through the stamped write path items use, merged by their clock
 * stamps (the later edit wins, the other is kept in history and reported), carried by backups.
 */

const dbs: NewsdeskDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function browser(contributor: string, start = '2026-03-20T10:00:00Z') {
  const db = openTestDb();
  dbs.push(db);
  await db.settings.put({ key: 'contributor', value: contributor });
  const now = steppingNow(Date.parse(start));
  return { db, items: new ItemStore(db, { now, newId: idSequence(`${contributor}-`) }), meta: new IssueMetaStore(db, { now }) };
}

const file = (json: string, name = 'backup.json'): ParsedBackup => parseBackup(json, name);

describe('IssueMetaStore: the one stamped write path', () => {
  it('saves the teaser, names and blocks stamped by the shared clock and queues them for the newsroom', async () => {
    const { db, items, meta } = await browser('emus');
    const clip = await items.saveClip(
      { capture: makeCapture(), newsletter: 'xmpp', issue: '2026-03', section: 'clients', entry: '[Gajim](https://gajim.org/) has released version 2.4.', title: 'Gajim' },
      { kind: 'create' },
    );
    const { meta: saved } = await meta.update('xmpp', '2026-03', { summary: '  In this issue:   Gajim!  ', contributors: ['Alice', ' alice ', '', 'Bob (fae, ve)'], blocks: { 'public-channels': true } });
    expect(saved).toMatchObject({ key: 'xmpp|2026-03', summary: 'In this issue: Gajim!', contributors: ['Alice', 'Bob (fae, ve)'], blocks: { 'public-channels': true }, updatedBy: 'emus', ancestors: [], history: [] });
    // One clock for items and issue details: the later change has the higher stamp.
    expect(compareHlc(saved!.hlc, clip.item.hlc)).toBe(1);
    const edited = await items.edit(clip.item.id, { entry: 'Later words' });
    expect(compareHlc(edited.item.hlc, saved!.hlc)).toBe(1);
    expect(await db.outbox.get(issueMetaRecordId('xmpp|2026-03'))).toMatchObject({ hlc: saved!.hlc });
    expect(await meta.get('xmpp', '2026-03')).toEqual(saved);
  });

  it('writes nothing for a change that changes nothing, and goes back to the drafted teaser with null', async () => {
    const { db, meta } = await browser('emus');
    expect((await meta.update('xmpp', '2026-03', { summary: '', contributors: [], blocks: {} })).meta).toBeNull();
    expect(await db.issueMeta.count()).toBe(0);
    const first = (await meta.update('xmpp', '2026-03', { summary: 'Mine' })).meta!;
    expect((await meta.update('xmpp', '2026-03', { summary: 'Mine' })).meta).toEqual(first);
    const cleared = (await meta.update('xmpp', '2026-03', { summary: null })).meta!;
    expect(cleared.summary).toBeNull();
    expect(cleared.ancestors).toEqual([first.hlc]);
    // Switching one block keeps the others as they were.
    await meta.update('xmpp', '2026-03', { blocks: { 'public-channels': true } });
    const both = (await meta.update('xmpp', '2026-03', { blocks: { other: false } })).meta!;
    expect(both.blocks).toEqual({ 'public-channels': true, other: false });
  });

  it('refuses a teaser beyond the limit in words, and an issue that is not one', async () => {
    const { meta } = await browser('emus');
    await expect(meta.update('xmpp', '2026-03', { summary: 'x'.repeat(5001) })).rejects.toThrow(ValidationError);
    await expect(meta.update('xmpp', '2026-03', { summary: 'x'.repeat(5001) })).rejects.toThrow(/5,001 characters long; at most 5,000 fit/);
    await expect(meta.update('xmpp', '2026-13', { summary: 'x' })).rejects.toThrow(/not an issue/);
  });

  it('two Desks: a save over a teaser changed meanwhile goes through, the replaced one is kept in history, restorable', async () => {
    const { meta } = await browser('emus');
    const seen = (await meta.update('xmpp', '2026-03', { summary: 'First words' })).meta!;
    // Another Desk saves meanwhile.
    const other = (await meta.update('xmpp', '2026-03', { summary: 'Other Desk’s words' }, { hlc: seen.hlc, values: { summary: 'First words' } })).meta!;
    // This Desk saves from what it saw.
    const mine = await meta.update('xmpp', '2026-03', { summary: 'This Desk’s words' }, { hlc: seen.hlc, values: { summary: 'First words' } });
    expect(mine.overwritten).toMatchObject({ hlc: other.hlc, summary: 'Other Desk’s words', reason: 'overwritten', dismissed: false });
    expect(mine.meta!.history.map((h) => h.summary)).toEqual(['Other Desk’s words']);
    const restored = await meta.restoreVersion('xmpp', '2026-03', other.hlc);
    expect(restored.summary).toBe('Other Desk’s words');
    expect(restored.history.map((h) => [h.summary, h.dismissed])).toEqual([
      ['This Desk’s words', true],
      ['Other Desk’s words', true],
    ]);
  });

  it('a damaged stored record is reported, not used, and kept aside when an edit replaces it', async () => {
    const { db, meta } = await browser('emus');
    await db.issueMeta.put({ key: 'xmpp|2026-03', newsletter: 'xmpp', issue: '2026-03', summary: 42 } as unknown as IssueMeta);
    const read = await meta.read('xmpp', '2026-03');
    expect(read.meta).toBeUndefined();
    expect(read.damaged?.reasons.join(' ')).toMatch(/summary/);
    await meta.update('xmpp', '2026-03', { summary: 'Fresh' });
    expect((await meta.get('xmpp', '2026-03'))?.summary).toBe('Fresh');
    const [aside] = await db.quarantine.toArray();
    expect(aside).toMatchObject({ kind: 'unreadable', record: { summary: 42 }, source: 'this browser' });
  });
});

describe('issue details in backups and merges', () => {
  it('round trip: export → import into an empty browser → export gives the same file; the draft uses the details', async () => {
    const a = await browser('emus');
    await a.items.saveClip(
      { capture: makeCapture(), newsletter: 'xmpp', issue: '2026-03', section: 'clients', entry: '[Gajim](https://gajim.org/) has released version 2.4.', title: 'Gajim' },
      { kind: 'create' },
    );
    await a.meta.update('xmpp', '2026-03', { summary: 'In this issue: Gajim.', contributors: ['XSF iTeam'], blocks: { 'public-channels': true } });
    const json = backupToJson(await a.items.exportBackup({ kind: 'all' }));
    expect(JSON.parse(json).issueMeta).toHaveLength(1);

    const b = await browser('emus');
    const plan = await b.items.importFiles([file(json)]);
    expect(plan.summary).toMatchObject({ added: 1, issueMetaAdded: 1, issueMetaUpdated: 0, issueMetaConflicts: 0, rejected: 0 });
    // The same file, byte for byte, but for the time of export.
    const exportedAt = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "…"');
    expect(exportedAt(backupToJson(await b.items.exportBackup({ kind: 'all' })))).toBe(exportedAt(json));
    // Importing it again changes nothing.
    expect((await b.items.importFiles([file(json)])).summary).toMatchObject({ added: 0, updated: 0, issueMetaAdded: 0, issueMetaUpdated: 0 });

    const stored = (await b.meta.get('xmpp', '2026-03'))!;
    const { markdown } = composeDraft({ preset: getPreset('xmpp'), issue: '2026-03', items: (await b.items.listIssue('xmpp', '2026-03')).items, meta: stored });
    expect(markdown).toMatch(/^summary: "In this issue: Gajim\."$/m);
    expect(markdown).toContain('\n## XMPP Public channels\n');
    expect(markdown).toMatch(/\*emus, XSF iTeam\*|\*XSF iTeam, emus\*/);
  });

  it('a file written before issue details existed reads the same, and one without details has no issueMeta field', async () => {
    const a = await browser('emus');
    await a.items.saveClip(
      { capture: makeCapture(), newsletter: 'xmpp', issue: '2026-03', section: 'clients', entry: 'Gajim 2.4.', title: 'Gajim' },
      { kind: 'create' },
    );
    const json = backupToJson(await a.items.exportBackup({ kind: 'all' }));
    expect(json).not.toContain('issueMeta');
    const parsed = file(json);
    expect(parsed.backup.issueMeta).toBeUndefined();
    expect(parsed.rejected).toEqual([]);
  });

  it('a bad or duplicated record of details is listed with its reason and kept aside; the good ones are imported', async () => {
    const a = await browser('emus');
    await a.meta.update('xmpp', '2026-03', { summary: 'Good' });
    const backup = await a.items.exportBackup({ kind: 'all' });
    const good = backup.issueMeta![0]!;
    const data = JSON.parse(backupToJson(backup));
    data.issueMeta = [good, { ...good, summary: 'Second copy' }, { ...good, key: 'xmpp|2026-04' }];
    const parsed = file(JSON.stringify(data), 'edited.json');
    expect(parsed.backup.issueMeta).toEqual([good]);
    expect(parsed.rejected.map((r) => [r.where, r.reasons[0]])).toEqual([
      ['issue details 2', 'the same issue as issue details 1 of the file; the first one is imported'],
      ['issue details 3', 'key: is not “xmpp|2026-03”'],
    ]);
    const b = await browser('bob');
    const plan = await b.items.importFiles([parsed]);
    expect(plan.summary).toMatchObject({ issueMetaAdded: 1, rejected: 2 });
    expect(await b.db.quarantine.count()).toBe(2);
  });

  it('concurrent edits in two browsers: the later one wins on both sides, the other is kept in history and reported', async () => {
    const alice = await browser('alice', '2026-03-20T10:00:00Z');
    const bob = await browser('bob', '2026-03-20T10:05:00Z');
    await alice.meta.update('xmpp', '2026-03', { summary: 'Alice’s teaser', contributors: ['Alice'] });
    await bob.meta.update('xmpp', '2026-03', { summary: 'Bob’s teaser' });
    const fromAlice = backupToJson(await alice.items.exportBackup({ kind: 'all' }));
    const fromBob = backupToJson(await bob.items.exportBackup({ kind: 'all' }));

    const atAlice = await alice.items.importFiles([file(fromBob, 'bob.json')]);
    expect(atAlice.summary).toMatchObject({ issueMetaUpdated: 1, issueMetaConflicts: 1 });
    expect(atAlice.issueMeta.conflicts[0]).toMatchObject({ lostSide: 'local', fields: ['summary', 'contributors'] });
    const lines = (await import('../../../utils/backup')).describePlan(atAlice);
    expect(lines.join('\n')).toMatch(/Conflict: the details of xmpp 2026-03 — kept the later edit \(.*, by bob\); the version already here differs in summary, contributors and is kept in the issue’s history\./);

    const atBob = await bob.items.importFiles([file(fromAlice, 'alice.json')]);
    expect(atBob.summary).toMatchObject({ issueMetaConflicts: 1 });
    expect(atBob.issueMeta.conflicts[0]).toMatchObject({ lostSide: 'incoming' });
    const a = (await alice.meta.get('xmpp', '2026-03'))!;
    const b = (await bob.meta.get('xmpp', '2026-03'))!;
    expect(a).toEqual(b);
    expect(a.summary).toBe('Bob’s teaser');
    expect(a.history.map((h) => [h.summary, h.contributors, h.reason])).toEqual([['Alice’s teaser', ['Alice'], 'merge']]);
  });

  it('a later edit made from the other’s version fast-forwards: no conflict', async () => {
    const alice = await browser('alice', '2026-03-20T10:00:00Z');
    const bob = await browser('bob', '2026-03-20T10:05:00Z');
    await alice.meta.update('xmpp', '2026-03', { summary: 'First' });
    await bob.items.importFiles([file(backupToJson(await alice.items.exportBackup({ kind: 'all' })))]);
    await bob.meta.update('xmpp', '2026-03', { summary: 'Second' });
    const plan = await alice.items.importFiles([file(backupToJson(await bob.items.exportBackup({ kind: 'all' })))]);
    expect(plan.summary).toMatchObject({ issueMetaUpdated: 1, issueMetaConflicts: 0 });
    expect((await alice.meta.get('xmpp', '2026-03'))?.summary).toBe('Second');
    expect((await alice.meta.get('xmpp', '2026-03'))?.history).toEqual([]);
  });

  it('merging is order-free: any order of the same versions gives the same record', async () => {
    const alice = await browser('alice', '2026-03-20T10:00:00Z');
    const bob = await browser('bob', '2026-03-20T10:05:00Z');
    const carol = await browser('carol', '2026-03-20T12:00:00Z');
    const versions: IssueMeta[] = [];
    for (const [who, text] of [
      [alice, 'A'],
      [bob, 'B'],
      [carol, 'C'],
    ] as const) {
      versions.push((await who.meta.update('xmpp', '2026-03', { summary: text, contributors: [text] })).meta!);
    }
    const orders = [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
    ];
    const results = orders.map((order) => mergeIssueMetas([], order.map((i) => versions[i]!)).metas);
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]![0]!.summary).toBe('C');
    expect(results[0]![0]!.history.map((h) => h.summary)).toEqual(['B', 'A']);
  });

  it('details with a clock far ahead are held back and kept aside, not applied', async () => {
    const a = await browser('emus', '2026-03-20T10:00:00Z');
    await a.meta.update('xmpp', '2026-03', { summary: 'From the future' });
    const json = backupToJson(await a.items.exportBackup({ kind: 'all' }));
    const b = await browser('bob', '2026-03-19T10:00:00Z');
    const plan = await b.items.importFiles([file(json)]);
    expect(plan.summary).toMatchObject({ issueMetaAdded: 0 });
    expect(plan.issueMeta.heldBack[0]?.reason).toMatch(/ahead of this computer’s/);
    expect(await b.meta.get('xmpp', '2026-03')).toBeUndefined();
    const [aside] = await b.db.quarantine.toArray();
    expect(aside).toMatchObject({ kind: 'held-back', record: { summary: 'From the future' } });
    // The user can take it in as a version of their own.
    await b.items.retryQuarantined(aside!.key!, true);
    expect((await b.meta.get('xmpp', '2026-03'))).toMatchObject({ summary: 'From the future', updatedBy: 'bob' });
  });

  it('buildBackup sorts details by key, so two exports of the same data are byte-identical', async () => {
    const { meta } = await browser('emus');
    const april = (await meta.update('xmpp', '2026-04', { summary: 'April' })).meta!;
    const march = (await meta.update('xmpp', '2026-03', { summary: 'March' })).meta!;
    const base = { items: [], newsletters: [], scope: { kind: 'all' } as const, exportedAt: new Date(0), exportedBy: '' };
    expect(backupToJson(buildBackup({ ...base, issueMeta: [april, march] }))).toBe(backupToJson(buildBackup({ ...base, issueMeta: [march, april] })));
  });
});
