import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { backupToJson, buildBackup, parseBackup } from '../../../utils/backup';
import { renderDraft } from '../../../utils/export/draft';
import { canonicalJson } from '../../../utils/merge/versions';
import { getPreset } from '../../../utils/presets';
import type { ItemStatus, NewsItem } from '../../../utils/model/item';
import { ItemStore, type ClipInput, type ItemPatch, type SaveMode } from '../../../utils/storage/items';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';
import { CollectionModel, type Outcome } from './model';
import { writeFigures } from './report';

/**
 * Model-based test: random sequences of clip, re-clip, edit, move, reorder, delete, undo,
 * importing another contributor's backup (through the real file format), concurrent saves
 * from two pages, writes that fail half-way (disk full) and export run
 * against the real Collection on fake-indexeddb and against CollectionModel. After every
 * operation both must give the same answer; after every sequence they must hold the same
 * items, field for field, and export the same draft.
 */

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 400);
const preset = getPreset('xmpp-2023');
const URLS = Array.from({ length: 6 }, (_, i) => `https://site${i % 3}.example/post/${i}/`);
const ISSUES = ['2023-10', '2023-11'];
const SECTIONS = ['clients', 'servers', 'articles'];
const CONTRIBUTORS = ['emus', 'nicola', ''];
const STATUSES: ItemStatus[] = ['draft', 'ready', 'excluded'];

/** Text a stranger or an editor might type, hostile characters included. */
const text = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.constantFrom('', '  ', '[x](javascript:alert(1))', '{{< x >}}', '---', '# heading', '<script>alert(1)</script>', 'line\nbreak'),
);

type Edit =
  | { kind: 'edit'; target: number; title?: string; entry?: string; status?: ItemStatus }
  | { kind: 'move'; target: number; section?: number; issue?: number }
  | { kind: 'reorder'; target: number; position: number };

type Write =
  | { kind: 'clip'; url: number; issue: number; section: number; title: string; entry: string; contributor: number }
  | { kind: 'reclip'; target: number; url: number; issue: number; section: number; title: string; entry: string; contributor: number }
  | Edit
  | { kind: 'delete'; target: number }
  | { kind: 'undo' }
  | { kind: 'restore'; target: number };

/** One item of another contributor's backup: a page, their words, how fresh their edit is. */
interface ForeignVersion {
  url: number;
  entry: string;
  section: number;
  issue: number;
  /** Seconds between their edit and this step: negative is older, positive newer. */
  age: number;
  deleted: boolean;
  /** Reuse the id of a local item (the same item, edited elsewhere) instead of a new one. */
  sameId: number | null;
}

type Op =
  | Write
  | { kind: 'concurrent'; a: Edit | { kind: 'reclip-same'; target: number; entry: string }; b: Edit }
  | { kind: 'fault'; op: Write }
  | { kind: 'export'; issue: number }
  | { kind: 'import'; versions: ForeignVersion[]; diskFull: boolean };

const target = fc.nat({ max: 20 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), target, title: fc.option(text, { nil: undefined }), entry: fc.option(text, { nil: undefined }), status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }) }),
  fc.record({ kind: fc.constant('move' as const), target, section: fc.option(fc.nat({ max: SECTIONS.length - 1 }), { nil: undefined }), issue: fc.option(fc.nat({ max: ISSUES.length - 1 }), { nil: undefined }) }),
  fc.record({ kind: fc.constant('reorder' as const), target, position: fc.integer({ min: -5, max: 12 }) }),
);
const clipFields = {
  url: fc.nat({ max: URLS.length - 1 }),
  issue: fc.nat({ max: ISSUES.length - 1 }),
  section: fc.nat({ max: SECTIONS.length - 1 }),
  title: text,
  entry: text,
  contributor: fc.nat({ max: CONTRIBUTORS.length - 1 }),
};
const writeArb: fc.Arbitrary<Write> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('clip' as const), ...clipFields }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reclip' as const), target, ...clipFields }) },
  { weight: 4, arbitrary: editArb },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), target }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), target }) },
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 10, arbitrary: writeArb },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('concurrent' as const),
      a: fc.oneof(editArb, fc.record({ kind: fc.constant('reclip-same' as const), target, entry: text })),
      b: editArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fault' as const), op: writeArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('export' as const), issue: fc.nat({ max: ISSUES.length - 1 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      versions: fc.array(
        fc.record({
          url: fc.nat({ max: URLS.length - 1 }),
          entry: text,
          section: fc.nat({ max: SECTIONS.length - 1 }),
          issue: fc.nat({ max: ISSUES.length - 1 }),
          age: fc.integer({ min: -3600, max: 3600 }),
          deleted: fc.boolean(),
          sameId: fc.option(target, { nil: null }),
        }),
        { maxLength: 6 },
      ),
      diskFull: fc.boolean(),
    }),
  },
);

/**
 * The other contributor's items as their backup file holds them. Like any collection, theirs
 * has one item per page, and an item shared with ours keeps its id and its page.
 */
function foreignItems(versions: readonly ForeignVersion[], step: number, now: string, local: readonly NewsItem[]): NewsItem[] {
  const seen = new Set<string>();
  return versions.flatMap((v, i) => {
    const shared = v.sameId !== null && local.length ? local[v.sameId % local.length]! : null;
    const href = shared?.canonicalUrl ?? URLS[v.url]!;
    if (seen.has(href)) return [];
    seen.add(href);
    const at = new Date(Date.parse(now) + v.age * 1000).toISOString();
    const capture = makeCapture({ url: href, canonicalUrl: href, title: `Page ${v.url}` });
    const item: NewsItem = {
      id: shared?.id ?? `foreign-${String(step).padStart(4, '0')}-${i}`,
      canonicalUrl: href,
      url: href,
      title: capture.title,
      siteName: capture.siteName,
      authors: capture.authors,
      publishedAt: capture.publishedAt,
      language: capture.language,
      description: capture.description,
      contentMarkdown: capture.contentMarkdown,
      kind: capture.kind,
      release: capture.release,
      xep: capture.xep,
      video: null,
      event: null,
      newsletter: 'xmpp',
      issue: ISSUES[v.issue]!,
      section: SECTIONS[v.section]!,
      entry: v.entry,
      status: 'draft',
      position: i + 1,
      contributor: 'ada',
      createdAt: at,
      updatedAt: at,
      deletedAt: v.deleted ? at : null,
      hlc: `${at}~0000~ada`,
      updatedBy: 'ada',
      ancestors: [],
      history: [],
    };
    return [item];
  });
}

function clipInput(url: number, issue: number, section: number, title: string, entry: string): ClipInput {
  const href = URLS[url]!;
  const capture = makeCapture({ url: `${href}?utm_source=x`, canonicalUrl: href, title: `Page ${url}` });
  return { capture, newsletter: 'xmpp', issue: ISSUES[issue]!, section: SECTIONS[section]!, entry, title };
}

/** One step's time and ids, shared by model and real code so their records compare exactly. */
class StepClock {
  step = 0;
  private k = 0;
  private m = 0;
  begin(step: number): void {
    this.step = step;
    this.k = 0;
    this.m = 0;
  }
  time = () => new Date(this.ms()).toISOString();
  ms = () => Date.UTC(2023, 9, 1) + this.step * 1000;
  real = { now: this.ms, newId: () => `id-${String(this.step).padStart(4, '0')}-${++this.k}` };
  modelId = () => `id-${String(this.step).padStart(4, '0')}-${++this.m}`;
}

const quota = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

/** Fault injection below Dexie: the next write of any table fails as a full disk would. */
function installFaults(db: NewsdeskDb): { failNextWrite: () => void; clear: () => void } {
  let fail = false;
  db.use({
    stack: 'dbcore',
    name: 'reliability-faults',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            if (fail) {
              fail = false;
              return Promise.reject(quota());
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return { failNextWrite: () => (fail = true), clear: () => (fail = false) };
}

async function outcome(run: () => Promise<NewsItem | { item: NewsItem } | void>): Promise<Outcome> {
  try {
    const result = await run();
    const item = result && 'item' in result ? result.item : result;
    return item ? { ok: true, item } : { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : String(error) };
  }
}

const totals = { sequences: 0, operations: 0, concurrentPairs: 0, faultsInjected: 0, exports: 0, imports: 0, importedVersions: 0, itemsCreated: 0, itemsLost: 0, editsLost: 0 };

describe('model-based: the real collection behaves like the simple model', () => {
  afterAll(() => {
    writeFigures('model', { title: 'model-based storage test (real Dexie on fake-indexeddb vs in-memory model)', figures: { ...totals } });
    console.log(`model-based test: ${totals.sequences} sequences, ${totals.operations} operations (${totals.concurrentPairs} concurrent pairs, ${totals.faultsInjected} injected disk-full failures, ${totals.exports} exports, ${totals.imports} imports of ${totals.importedVersions} foreign versions), ${totals.itemsCreated} items created, ${totals.itemsLost} lost, ${totals.editsLost} edits lost`);
  });

  it(`agrees with the model over ${RUNS} random sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), async (ops) => {
        const db = openTestDb();
        const faults = installFaults(db);
        const clock = new StepClock();
        // A fixed node id, so the real store's stamps and the model's are the same strings.
        await db.settings.put({ key: 'node', value: 'model' });
        const real = new ItemStore(db, clock.real);
        let model = new CollectionModel(clock.ms, clock.modelId);
        /** Who is writing: the real store reads it from its settings, the model from a field. */
        const writeAs = async (who: string) => {
          await db.settings.put({ key: 'contributor', value: who });
          model.contributor = who;
        };
        const deleted: string[] = []; // for undo
        try {
          for (const [index, op] of ops.entries()) {
            clock.begin(index + 1);
            totals.operations += op.kind === 'concurrent' ? 2 : 1;
            const ids = [...model.items.keys()].sort();
            const idAt = (n: number) => (ids.length ? ids[n % ids.length]! : 'missing');

            type Runner = { real: () => Promise<NewsItem | { item: NewsItem } | void>; model: () => Outcome; who?: string };
            const runWrite = (m: CollectionModel, w: Write | { kind: 'reclip-same'; target: number; entry: string }): Runner => {
              switch (w.kind) {
                case 'clip': {
                  const input = clipInput(w.url, w.issue, w.section, w.title, w.entry);
                  const mode: SaveMode = { kind: 'create' };
                  return { real: () => real.saveClip(input, mode), model: () => m.saveClip(input, mode), who: CONTRIBUTORS[w.contributor]! };
                }
                case 'reclip': {
                  const input = clipInput(w.url, w.issue, w.section, w.title, w.entry);
                  const mode: SaveMode = { kind: 'update', id: idAt(w.target) };
                  return { real: () => real.saveClip(input, mode), model: () => m.saveClip(input, mode), who: CONTRIBUTORS[w.contributor]! };
                }
                case 'reclip-same': {
                  // The popup saving its (older) view of an item the Desk is editing.
                  const id = idAt(w.target);
                  const current = m.items.get(id);
                  const url = Math.max(0, URLS.indexOf(current?.canonicalUrl ?? ''));
                  const input = clipInput(url, ISSUES.indexOf(current?.issue ?? ISSUES[0]!), Math.max(0, SECTIONS.indexOf(current?.section ?? '')), current?.title ?? '', w.entry);
                  const mode: SaveMode = { kind: 'update', id };
                  return { real: () => real.saveClip(input, mode), model: () => m.saveClip(input, mode), who: 'nicola' };
                }
                case 'edit':
                case 'move':
                case 'reorder': {
                  const patch: ItemPatch =
                    w.kind === 'edit'
                      ? { title: w.title, entry: w.entry, status: w.status }
                      : w.kind === 'move'
                        ? { section: w.section === undefined ? undefined : SECTIONS[w.section], issue: w.issue === undefined ? undefined : ISSUES[w.issue] }
                        : { position: w.position };
                  const id = idAt(w.target);
                  return { real: () => real.edit(id, patch), model: () => m.update(id, patch) };
                }
                case 'delete': {
                  const id = idAt(w.target);
                  return { real: () => real.remove(id), model: () => m.setDeleted(id, true) };
                }
                case 'undo': {
                  const id = deleted[deleted.length - 1] ?? 'missing';
                  return { real: () => real.restore(id), model: () => m.setDeleted(id, false) };
                }
                case 'restore': {
                  const id = idAt(w.target);
                  return { real: () => real.restore(id), model: () => m.setDeleted(id, false) };
                }
              }
            };

            const noteDeletes = (w: Write | { kind: 'reclip-same' }, result: Outcome, id: string) => {
              if (!result.ok && w.kind !== 'undo') return;
              if (w.kind === 'delete' && result.ok) deleted.push(id);
              if (w.kind === 'undo' && result.ok) deleted.pop();
            };

            if (op.kind === 'import') {
              totals.imports += 1;
              totals.importedVersions += op.versions.length;
              const local = [...model.items.values()].sort((x, y) => (x.id < y.id ? -1 : 1));
              const sent = foreignItems(op.versions, index + 1, clock.time(), local);
              // Through the real file format, as a contributor's file arrives.
              const file = backupToJson(
                buildBackup({ items: sent, newsletters: [], scope: { kind: 'all' }, exportedAt: new Date(clock.time()), exportedBy: 'ada' }),
              );
              if (op.diskFull) {
                totals.faultsInjected += 1;
                faults.failNextWrite();
              }
              const received = parseBackup(file);
              expect(received.rejected).toEqual([]);
              const result = await outcome(async () => void (await real.importFiles([received])));
              faults.clear();
              if (op.diskFull) {
                // Nothing half-imported: the whole import is refused in words, and nothing changes
                // (an import always writes: at least the clock, or what it keeps aside).
                expect(result).toEqual({ ok: false, error: 'StorageError' });
              } else {
                expect(result).toEqual({ ok: true });
                // The model: the merge rules applied to what it holds.
                model.receive(received.backup.items);
              }
            } else if (op.kind === 'export') {
              totals.exports += 1;
              const issue = ISSUES[op.issue]!;
              const realList = (await real.listIssue('xmpp', issue)).items;
              const modelList = model.listIssue('xmpp', issue);
              expect(realList).toEqual(modelList);
              expect(renderDraft({ preset, issue, items: realList })).toBe(renderDraft({ preset, issue, items: modelList }));
            } else if (op.kind === 'concurrent') {
              totals.concurrentPairs += 1;
              // Both pages save at once; IndexedDB runs read-write transactions on the same
              // store in the order they were opened, so the later save must win.
              const a = runWrite(model, op.a);
              const b = runWrite(model, op.b);
              if (a.who ?? b.who) await writeAs((a.who ?? b.who)!);
              const [ra, rb] = await Promise.all([outcome(a.real), outcome(b.real)]);
              expect(ra).toEqual(a.model());
              expect(rb).toEqual(b.model());
            } else if (op.kind === 'fault') {
              totals.faultsInjected += 1;
              const before = structuredClone([...model.items.values()]);
              const trial = model.clone();
              const w = runWrite(trial, op.op);
              if (w.who) await writeAs(w.who);
              trial.contributor = model.contributor;
              faults.failNextWrite();
              const result = await outcome(w.real);
              const expected = w.model();
              if (expected.ok) {
                // A write that would have worked fails on a full disk: a clear StorageError,
                // and the collection is exactly as before.
                expect(result).toEqual({ ok: false, error: 'StorageError' });
              } else {
                expect(result).toEqual(expected);
              }
              expect([...model.items.values()]).toEqual(before);
              await expect(db.items.orderBy('id').toArray()).resolves.toEqual(before.sort((x, y) => (x.id < y.id ? -1 : 1)));
              // The model's clock did not move either: the trial (with its clock) is dropped.
              faults.clear(); // an operation refused before writing leaves the flag set
            } else {
              const w = runWrite(model, op);
              if (w.who) await writeAs(w.who);
              const id = op.kind === 'delete' ? idAt(op.target) : '';
              const result = await outcome(w.real);
              const expected = w.model();
              expect(result).toEqual(expected);
              noteDeletes(op, result, id);
              if (op.kind === 'clip' && result.ok) totals.itemsCreated += 1;
            }
          }
          // After the sequence: the same items, field for field.
          const stored = await db.items.orderBy('id').toArray();
          const expected = [...model.items.values()].sort((x, y) => (x.id < y.id ? -1 : 1));
          const storedById = new Map(stored.map((i) => [i.id, i]));
          for (const item of expected) {
            const got = storedById.get(item.id);
            if (!got) totals.itemsLost += 1;
            else if (canonicalJson(got) !== canonicalJson(item)) totals.editsLost += 1;
          }
          expect(stored).toEqual(expected);
          for (const issue of ISSUES) expect((await real.listIssue('xmpp', issue)).items).toEqual(model.listIssue('xmpp', issue));
          totals.sequences += 1;
        } finally {
          db.close();
          model = undefined as unknown as CollectionModel;
        }
      }),
      { numRuns: RUNS },
    );
    expect(totals.itemsLost).toBe(0);
    expect(totals.editsLost).toBe(0);
  });
});
