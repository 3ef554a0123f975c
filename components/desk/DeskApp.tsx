import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { issueCadence, issueForDate, isIssueKey, shiftIssue } from '../../utils/model/issue';
import type { ItemStatus, NewsItem } from '../../utils/model/item';
import { defaultPreset, listNewsletters, resolveNewsletter } from '../../utils/presets';
import { collectedSections, filingId, newsletterIds, sectionPath, type NewsletterPreset } from '../../utils/presets/types';
import type { DamagedItem, EditBase, ItemPatch } from '../../utils/storage/items';
import type { PageStorage } from '../../utils/storage/page-storage';
import { facetCounts, isFilterActive, itemMatcher, type ItemFilter } from '../../utils/storage/queries';
import { draftItemOfRecord } from '../../utils/export/select';
import { downloadText } from '../files';
import { issueName } from '../format';
import { DraftPanel } from './DraftPanel';
import { ImportIssue } from './ImportIssue';
import { IssueDetails } from './IssueDetails';
import { groupBySection, type SectionGroup } from './group';
import { useDebounced, useLiveQuery, messageOf } from './hooks';
import { DRAG_TYPE, SafeItemCard, type CardActions, type SectionChoice } from './ItemCard';
import { LazyList } from './LazyList';
import { NewsroomBadge } from './NewsroomBadge';
import { browserXepDeps, offersXepUpdates, useXepUpdates, XepUpdatesPanel, type XepUpdatesDeps } from './XepUpdates';
import { sendersOf } from '../../utils/storage/outbox';
import type { SenderRecord } from '../../utils/storage/schema';

interface Deleted {
  id: string;
  title: string;
}

/**
 * The editor's workspace: one issue grouped by section beside its live draft, search across
 * issues, and every edit saved at once. Reads through Dexie liveQuery, so clips saved from the
 * popup (by the background) and edits in another Desk tab show up without a reload.
 */
export function DeskApp({
  storage,
  newsletter: initialNewsletter,
  initialIssue,
  userNewsletters: initialUserNewsletters,
  xepDeps,
}: {
  storage: PageStorage;
  newsletter: string;
  initialIssue: string | null;
  userNewsletters: readonly NewsletterPreset[];
  /** The browser for "Draft XEP updates" (permissions, fetch, local storage); tests give their own. */
  xepDeps?: XepUpdatesDeps;
}) {
  const collection = storage.items;
  const [newsletter, setNewsletter] = useState(initialNewsletter);
  // Newsletters made in the options page appear here without a reload.
  const userNewsletters = useLiveQuery(() => storage.userNewsletters(), [storage]).value ?? initialUserNewsletters;
  const preset = useMemo(() => {
    try {
      return resolveNewsletter(newsletter, userNewsletters);
    } catch {
      return defaultPreset; // the newsletter was deleted in the options page meanwhile
    }
  }, [newsletter, userNewsletters]);
  const cadence = preset.cadence;
  const [issue, setIssue] = useState(
    initialIssue && isIssueKey(initialIssue, cadence) ? initialIssue : issueForDate(new Date(), cadence),
  );
  // Switching between a monthly and a weekly newsletter: go to the current period of the new one.
  if (issueCadence(issue) !== cadence) setIssue(issueForDate(new Date(), cadence));
  const [filter, setFilter] = useState<ItemFilter>({});
  const [allIssues, setAllIssues] = useState(true);
  const [announcement, setAnnouncement] = useState('');
  const [deleted, setDeleted] = useState<Deleted[]>([]);
  const [error, setError] = useState<string | null>(null);
  const focusAfter = useRef<string | null>(null);

  const sections: SectionChoice[] = useMemo(
    () => collectedSections(preset).map((s) => ({ id: s.id, path: sectionPath(preset, s.id) })),
    [preset],
  );

  const settledFilter = useDebounced(filter, 150);
  const searching = isFilterActive(settledFilter);
  const searchAll = searching && allIssues;

  // A shape of a newsletter (the XMPP Newsletter as in 2024) shows the newsletter's items too.
  const ids = useMemo(() => newsletterIds(preset), [preset]);
  const issues = useLiveQuery(() => collection.listIssues(ids), [collection, ids]);
  const issueItems = useLiveQuery(() => collection.listIssue(ids, issue), [collection, ids, issue]);
  // The issue's details (teaser, extra credits, occasional blocks), filed under the newsletter's family.
  const details = useLiveQuery(() => storage.issueMeta.read(filingId(preset), issue), [storage, preset, issue]);
  const [importing, setImporting] = useState(false);
  const xepBrowser = useMemo(() => xepDeps ?? browserXepDeps(), [xepDeps]);
  const xep = useXepUpdates({ deps: xepBrowser, items: collection, preset, issue, onAdded: (report) => setAnnouncement(report.lines[0] ?? '') });
  // The whole collection is read once the user first searches it, then kept live, so each
  // further keystroke filters in memory instead of re-reading thousands of items.
  const [collectionWanted, setCollectionWanted] = useState(false);
  if (searchAll && !collectionWanted) setCollectionWanted(true);
  const everything = useLiveQuery(collectionWanted ? async () => (await collection.listNewsletter(ids)).items : null, [collection, ids, collectionWanted]);

  useEffect(() => {
    const url = new URL(location.href);
    url.searchParams.set('newsletter', newsletter);
    url.searchParams.set('issue', issue);
    history.replaceState(null, '', url);
    document.title = `Newsdesk – ${issueName(issue)}`;
  }, [newsletter, issue]);

  // Keyboard reorder: the card is re-rendered in its new place; give it focus back.
  useEffect(() => {
    const id = focusAfter.current;
    if (!id) return;
    const card = document.querySelector<HTMLElement>(`[data-card="${CSS.escape(id)}"]`);
    if (card && document.activeElement !== card) card.focus();
    focusAfter.current = null;
  }, [issueItems.value]);

  const currentItems = issueItems.value?.items ?? EMPTY;
  const damaged = issueItems.value?.damaged ?? EMPTY_DAMAGED;
  // The draft names unreadable records too (a TODO line each), so the file never misses one silently.
  const draftItems = useMemo(
    () => [...currentItems, ...damaged.flatMap((d) => draftItemOfRecord(d.record, newsletter, issue) ?? [])],
    [currentItems, damaged, newsletter, issue],
  );
  // One page clipped twice into this issue (two contributors, or on purpose in two sections).
  const duplicated = useMemo(() => {
    const seen = new Map<string, number>();
    for (const item of currentItems) seen.set(item.canonicalUrl, (seen.get(item.canonicalUrl) ?? 0) + 1);
    return new Set([...seen].filter(([, n]) => n > 1).map(([url]) => url));
  }, [currentItems]);
  // Where this issue's pages appeared before: past issues read from the archive, other issues' clips.
  const urls = useMemo(() => [...new Set(currentItems.map((i) => i.canonicalUrl))].sort().join('\n'), [currentItems]);
  const coverage = useLiveQuery(() => collection.coveredElsewhere(urls ? urls.split('\n') : [], ids, issue), [collection, ids, issue, urls]);
  const groups = useMemo(() => groupBySection(preset, currentItems), [preset, currentItems]);
  const visibleGroups = useMemo(() => {
    if (!searching || allIssues) return groups;
    const matches = itemMatcher(settledFilter);
    return groups.map((g) => ({ ...g, items: g.items.filter(matches) }));
  }, [groups, searching, allIssues, settledFilter]);
  const results = useMemo(
    () => (searchAll && everything.value ? everything.value.filter(itemMatcher(settledFilter)) : []),
    [searchAll, everything.value, settledFilter],
  );
  // Who sent each item's current version to the newsroom (the server says; a member cannot forge it).
  const shownIds = (searchAll ? results : currentItems).map((i) => i.id).join('\n');
  const senders = useLiveQuery(() => sendersOf(storage.db, shownIds ? shownIds.split('\n') : []), [storage, shownIds]).value ?? NO_SENDERS;
  const facets = useMemo(() => facetCounts(searchAll && everything.value ? everything.value : currentItems), [searchAll, everything.value, currentItems]);

  function fail(e: unknown) {
    setError(messageOf(e));
  }

  function sectionItems(item: NewsItem): NewsItem[] {
    return groups.find((g) => g.items.some((i) => i.id === item.id))?.items ?? [];
  }

  const actions: CardActions = {
    update: (id: string, patch: ItemPatch, base?: EditBase) => collection.edit(id, patch, base),
    restoreVersion: (id: string, hlc: string) => collection.restoreVersion(id, hlc).then(() => undefined, fail),
    dismissVersion: (id: string, hlc: string) => collection.dismissVersion(id, hlc).then(() => undefined, fail),
    remove(item) {
      collection.remove(item.id).then(() => {
        setDeleted((list) => [...list.slice(-9), { id: item.id, title: item.title }]);
        setAnnouncement(`Deleted “${item.title}”.`);
      }, fail);
    },
    nudge(item, delta) {
      const list = sectionItems(item);
      const index = list.findIndex((i) => i.id === item.id);
      if (index < 0) {
        setAnnouncement('Reorder items in the issue view (clear the search across issues first).');
        return;
      }
      const target = index + delta;
      const path = sectionPath(preset, item.section);
      if (target < 0 || target >= list.length) {
        setAnnouncement(`“${item.title}” is already ${target < 0 ? 'first' : 'last'} in ${path}.`);
        return;
      }
      focusAfter.current = item.id;
      collection.reorder(item.id, target).then(
        () => setAnnouncement(`Moved “${item.title}” to place ${target + 1} of ${list.length} in ${path}.`),
        fail,
      );
    },
    async placeAlso(item, section) {
      try {
        await collection.placeAlso(item.id, section);
        setAnnouncement(`“${item.title}” is also in ${sectionPath(preset, section)} now.`);
      } catch (error) {
        fail(error);
      }
    },
    dropOn(target, draggedId, after) {
      void (async () => {
        const dragged = currentItems.find((i) => i.id === draggedId);
        if (!dragged) return;
        if (dragged.section !== target.section) await collection.edit(draggedId, { section: target.section });
        const others = sectionItems(target).filter((i) => i.id !== draggedId);
        const index = others.findIndex((i) => i.id === target.id) + (after ? 1 : 0);
        await collection.reorder(draggedId, index);
        setAnnouncement(`Moved “${dragged.title}” to place ${index + 1} in ${sectionPath(preset, target.section)}.`);
      })().catch(fail);
    },
  };

  function undo() {
    const last = deleted[deleted.length - 1];
    if (!last) return;
    collection.restore(last.id).then(() => {
      setDeleted((list) => list.slice(0, -1));
      setAnnouncement(`Restored “${last.title}”.`);
    }, fail);
  }

  function dropOnSection(group: SectionGroup, event: DragEvent) {
    const id = event.dataTransfer?.getData(DRAG_TYPE);
    if (!id) return;
    event.preventDefault();
    collection.edit(id, { section: group.section.id }).then(
      () => setAnnouncement(`Moved to the end of ${group.path}.`),
      fail,
    );
  }

  const issueList = issues.value ?? [];
  const issueOptions = issueList.some((i) => i.issue === issue) ? issueList : [{ issue, count: 0 }, ...issueList].sort((a, b) => b.issue.localeCompare(a.issue));
  const empty = groups.filter((g) => g.items.length === 0);
  const total = currentItems.length;

  return (
    <div class="desk">
      <header class="desk-header row wrap">
        <h1>Newsdesk Desk</h1>
        <select aria-label="Newsletter" value={newsletter} onChange={(e) => setNewsletter(e.currentTarget.value)} class="auto">
          {listNewsletters(userNewsletters).map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </select>
        <nav class="row issue-switcher" aria-label="Issue">
          <button type="button" aria-label="Previous issue" onClick={() => setIssue(shiftIssue(issue, -1))}>‹</button>
          <select id="issue-select" aria-label="Issue" value={issue} onChange={(e) => setIssue(e.currentTarget.value)} class="auto">
            {issueOptions.map((i) => (
              <option key={i.issue} value={i.issue}>{issueName(i.issue)} ({i.count})</option>
            ))}
          </select>
          <button type="button" aria-label="Next issue" onClick={() => setIssue(shiftIssue(issue, 1))}>›</button>
          <input
            type={cadence === 'weekly' ? 'week' : 'month'}
            aria-label={cadence === 'weekly' ? 'Go to week' : 'Go to month'}
            class="auto"
            value={issue}
            onChange={(e) => isIssueKey(e.currentTarget.value, cadence) && setIssue(e.currentTarget.value)}
          />
        </nav>
        <button type="button" onClick={() => setImporting((open) => !open)} aria-expanded={importing}>
          Import an issue or pad…
        </button>
        {offersXepUpdates(preset) && (
          <button type="button" onClick={xep.start} aria-expanded={xep.state.step !== 'closed'} title="Draft this month’s XEP changes from the XSF’s repository on GitHub">
            Draft XEP updates
          </button>
        )}
        <NewsroomBadge />
      </header>
      {importing && (
        <ImportIssue
          items={collection}
          preset={preset}
          currentIssue={issue}
          onImported={(imported) => {
            setIssue(imported);
            setAnnouncement(`Imported into ${issueName(imported)}.`);
          }}
          onClose={() => setImporting(false)}
        />
      )}

      <XepUpdatesPanel state={xep.state} onAdd={() => void xep.add()} onClose={xep.close} />

      <FilterBar filter={filter} setFilter={setFilter} allIssues={allIssues} setAllIssues={setAllIssues} sections={sections} facets={facets} />

      <div role="status" aria-live="polite" class="visually-hidden" data-testid="announce">{announcement}</div>
      {error && (
        <p class="notice error" role="alert">
          {error} <button type="button" class="linkish" onClick={() => setError(null)}>Dismiss</button>
        </p>
      )}
      {(issueItems.error || issues.error) && <p class="notice error" role="alert">{issueItems.error ?? issues.error}</p>}
      {damaged.length > 0 && <DamagedNotice damaged={damaged} issue={issue} />}
      {deleted.length > 0 && (
        <p class="notice warn undo-bar" role="status">
          Deleted “{deleted[deleted.length - 1]!.title}”.{' '}
          <button type="button" onClick={undo}>Undo</button>
          <button type="button" class="linkish" onClick={() => setDeleted([])}>Dismiss</button>
        </p>
      )}

      <div class="desk-main">
        <section class="desk-list" aria-label={searchAll ? 'Search results' : `Items of ${issueName(issue)}`}>
          {searchAll ? (
            <SearchResults results={results} loading={!everything.value} sections={sections} actions={actions} senders={senders} />
          ) : (
            <>
              <p class="small muted" data-testid="summary">
                {issueItems.value === undefined
                  ? 'Loading…'
                  : `${total} item${total === 1 ? '' : 's'} in ${issueName(issue)} · ${groups.length - empty.length} of ${groups.length} sections filled`}
                {empty.length > 0 && ` · still empty: ${empty.map((g) => g.section.label ?? g.section.heading).join(', ')}`}
              </p>
              {visibleGroups.map((group) => (
                <section
                  key={group.section.id}
                  class={`desk-section${group.items.length === 0 ? ' empty' : ''}`}
                  data-section={group.section.id}
                  aria-label={group.path}
                  onDragOver={(e) => e.dataTransfer?.types.includes(DRAG_TYPE) && e.preventDefault()}
                  onDrop={(e) => dropOnSection(group, e)}
                >
                  <h2 class={`level-${group.section.level}`}>
                    {group.path} <span class="count">{group.items.length}</span>
                    {group.items.length > group.included && <span class="small muted"> ({group.items.length - group.included} excluded)</span>}
                  </h2>
                  {group.items.length === 0 ? (
                    <p class="small muted empty-note">
                      {searching ? 'No match here.' : group.whenEmpty === null ? 'Empty: left out of the draft.' : `Empty: the draft says “${group.whenEmpty}”.`}
                    </p>
                  ) : (
                    <LazyList items={group.items} keyOf={(i) => i.id} class="cards">
                      {(item) => <SafeItemCard item={item} sections={sections} showIssue={false} actions={actions} duplicate={duplicated.has(item.canonicalUrl)} sender={senders.get(item.id)} covered={coverage.value?.get(item.canonicalUrl)} />}
                    </LazyList>
                  )}
                </section>
              ))}
            </>
          )}
        </section>
        <div class="desk-side">
          <IssueDetails store={storage.issueMeta} preset={preset} issue={issue} items={draftItems} meta={details.value?.meta} damaged={details.value?.damaged ?? null} />
          <DraftPanel preset={preset} issue={issue} items={draftItems} meta={details.value?.meta ?? null} />
        </div>
      </div>
    </div>
  );
}

const EMPTY: NewsItem[] = [];
const EMPTY_DAMAGED: DamagedItem[] = [];
const NO_SENDERS = new Map<string, SenderRecord>();

/** Records of this issue that cannot be read: shown, never hidden, and downloadable as they are. */
function DamagedNotice({ damaged, issue }: { damaged: readonly DamagedItem[]; issue: string }) {
  return (
    <div class="notice warn" role="status" data-testid="damaged">
      <p>
        {damaged.length} record{damaged.length === 1 ? '' : 's'} of this issue cannot be read; the draft has a TODO line in {damaged.length === 1 ? 'its' : 'their'} place:
      </p>
      <ul>
        {damaged.slice(0, 20).map((d, i) => (
          <li key={`${d.id}-${i}`}>
            {d.label}: {d.reasons.join('; ')}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => downloadText(`newsdesk-unreadable-${issue}.json`, `${JSON.stringify(damaged.map((d) => d.record), null, 2)}\n`, 'application/json')}>
        Download them
      </button>
    </div>
  );
}

function SearchResults({
  results,
  loading,
  sections,
  actions,
  senders,
}: {
  results: NewsItem[];
  loading: boolean;
  sections: SectionChoice[];
  actions: CardActions;
  senders: ReadonlyMap<string, SenderRecord>;
}) {
  if (loading) return <p class="muted">Searching…</p>;
  return (
    <>
      <p class="small muted" data-testid="summary">
        {results.length} match{results.length === 1 ? '' : 'es'} across all issues
      </p>
      <LazyList items={results} keyOf={(i) => i.id} class="cards">
        {(item) => <SafeItemCard item={item} sections={sections} showIssue actions={actions} sender={senders.get(item.id)} />}
      </LazyList>
    </>
  );
}

const STATUSES: Array<{ value: ItemStatus; label: string }> = [
  { value: 'draft', label: 'Draft' },
  { value: 'ready', label: 'Ready' },
  { value: 'excluded', label: 'Excluded' },
];

function FilterBar({
  filter,
  setFilter,
  allIssues,
  setAllIssues,
  sections,
  facets,
}: {
  filter: ItemFilter;
  setFilter: (f: ItemFilter) => void;
  allIssues: boolean;
  setAllIssues: (v: boolean) => void;
  sections: SectionChoice[];
  facets: ReturnType<typeof facetCounts>;
}) {
  const set = (patch: Partial<ItemFilter>) => setFilter({ ...filter, ...patch });
  return (
    <div class="filters row wrap" role="search">
      <input
        type="search"
        class="grow"
        placeholder="Search title, URL, entry, site…"
        aria-label="Search"
        value={filter.query ?? ''}
        onInput={(e) => set({ query: e.currentTarget.value })}
      />
      <label class="inline">
        <input type="checkbox" checked={allIssues} onChange={(e) => setAllIssues(e.currentTarget.checked)} /> all issues
      </label>
      <select aria-label="Section filter" class="auto" value={filter.section ?? ''} onChange={(e) => set({ section: e.currentTarget.value || undefined })}>
        <option value="">Any section</option>
        {sections.map((s) => <option key={s.id} value={s.id}>{s.path}</option>)}
      </select>
      <select
        aria-label="Status filter"
        class="auto"
        value={filter.status ?? ''}
        onChange={(e) => set({ status: (e.currentTarget.value || undefined) as ItemStatus | undefined })}
      >
        <option value="">Any status</option>
        {STATUSES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
      </select>
      <select aria-label="Site filter" class="auto" value={filter.site ?? ''} onChange={(e) => set({ site: e.currentTarget.value || undefined })}>
        <option value="">Any site</option>
        {facets.sites.map((f) => <option key={f.value} value={f.value}>{f.value} ({f.count})</option>)}
      </select>
      <select
        aria-label="Contributor filter"
        class="auto"
        value={filter.contributor ?? ''}
        onChange={(e) => set({ contributor: e.currentTarget.value || undefined })}
      >
        <option value="">Any contributor</option>
        {facets.contributors.map((f) => <option key={f.value} value={f.value}>{f.value} ({f.count})</option>)}
      </select>
      {isFilterActive(filter) && (
        <button type="button" onClick={() => setFilter({})}>Clear</button>
      )}
    </div>
  );
}
