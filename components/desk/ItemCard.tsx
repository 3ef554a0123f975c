import { useState } from 'preact/hooks';
import { isIssueKey, issueCadence } from '../../utils/model/issue';
import type { ItemStatus, LostVersion, NewsItem } from '../../utils/model/item';
import type { Coverage, EditBase, EditResult, ItemPatch } from '../../utils/storage/items';
import type { SenderRecord } from '../../utils/storage/schema';
import { itemSite } from '../../utils/storage/queries';
import { coveredText, issueName } from '../format';
import { ErrorBoundary } from './ErrorBoundary';
import { useAutosave, type OtherVersion, type SaveOutcome, type SaveState } from './hooks';
import { SafeMarkdown } from './safe-markdown';

export interface SectionChoice {
  id: string;
  path: string;
}

export interface CardActions {
  update(id: string, patch: ItemPatch, base?: EditBase): Promise<EditResult>;
  /** Take a version from the item's history back. */
  restoreVersion(id: string, hlc: string): Promise<void>;
  /** Keep the current version; the other one is marked as seen. */
  dismissVersion(id: string, hlc: string): Promise<void>;
  remove(item: NewsItem): void;
  /** Move by `delta` places within the section (keyboard reorder). */
  nudge(item: NewsItem, delta: number): void;
  /** Drag and drop: put `draggedId` before `item` (or after it when `after`). */
  dropOn(item: NewsItem, draggedId: string, after: boolean): void;
  /** The same page as a second item, in another section of the issue. */
  placeAlso(item: NewsItem, section: string): Promise<void>;
}

export const DRAG_TYPE = 'application/x-newsdesk-item';

/** One item: its entry rendered (inert), and on demand an editor that saves as you type. */
export function ItemCard({
  item,
  sections,
  showIssue,
  actions,
  duplicate = false,
  sender,
  covered = [],
}: {
  item: NewsItem;
  sections: readonly SectionChoice[];
  showIssue: boolean;
  actions: CardActions;
  /** The same page is another item of this issue too. */
  duplicate?: boolean;
  /** Who sent the current version to the newsroom, as its server says. */
  sender?: SenderRecord | undefined;
  /** Where else the page appeared: other issues (read from the archive or clipped). */
  covered?: readonly Coverage[];
}) {
  const [open, setOpen] = useState(false);
  const [dropSide, setDropSide] = useState<'before' | 'after' | null>(null);
  const site = itemSite(item);

  function onKeyDown(event: KeyboardEvent) {
    if (event.target !== event.currentTarget) return;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      actions.nudge(item, event.key === 'ArrowUp' ? -1 : 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      setOpen((o) => !o);
    }
  }

  function onDragOver(event: DragEvent) {
    if (!event.dataTransfer?.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    setDropSide(event.clientY > box.top + box.height / 2 ? 'after' : 'before');
  }

  function onDrop(event: DragEvent) {
    const dragged = event.dataTransfer?.getData(DRAG_TYPE);
    setDropSide(null);
    if (!dragged) return;
    event.preventDefault();
    event.stopPropagation();
    if (dragged !== item.id) actions.dropOn(item, dragged, dropSide === 'after');
  }

  const sectionPath = sections.find((s) => s.id === item.section)?.path ?? item.section;
  return (
    <article
      class={`card status-${item.status}${dropSide ? ` drop-${dropSide}` : ''}`}
      tabIndex={0}
      data-card={item.id}
      aria-label={`${item.title} (${item.status})`}
      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
      onKeyDown={onKeyDown}
      onDragOver={onDragOver}
      onDragLeave={() => setDropSide(null)}
      onDrop={onDrop}
    >
      <div class="card-head">
        <span
          class="handle"
          draggable
          title="Drag to reorder, or focus the item and press Alt+↑ / Alt+↓"
          onDragStart={(event) => {
            event.dataTransfer?.setData(DRAG_TYPE, item.id);
            event.dataTransfer?.setData('text/plain', item.url);
          }}
          aria-hidden="true"
        >
          ⠿
        </span>
        <div class="grow">
          <div class="card-title">{item.title}</div>
          <div class="facts small muted">
            {site && <span>{site}</span>}
            <Credit item={item} sender={sender} />
            {showIssue && <span> · {issueName(item.issue)} › {sectionPath}</span>}
          </div>
        </div>
        {item.status !== 'draft' && <span class={`badge ${item.status}`}>{item.status}</span>}
        {duplicate && <span class="badge" title="The same page is another item of this issue too">twice</span>}
        <button type="button" class="small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Close' : 'Edit'}
        </button>
      </div>
      {covered.length > 0 && (
        <p class="small covered" data-testid="covered">
          Already covered{' '}
          {covered
            .slice(0, 3)
            .map((c) => coveredText({ ...c, section: sections.find((s) => s.id === c.section)?.path ?? c.section }))
            .join('; ')}
          {covered.length > 3 ? ` and ${covered.length - 3} more` : ''}.
        </p>
      )}
      {!open && <Preview class="entry-preview" markdown={item.entry || item.url} />}
      {open && <ItemEditor item={item} sections={sections} actions={actions} />}
      <OtherVersions item={item} actions={actions} />
    </article>
  );
}

function ItemEditor({ item, sections, actions }: { item: NewsItem; sections: readonly SectionChoice[]; actions: CardActions }) {
  const cadence = issueCadence(item.issue) ?? 'monthly';
  const version = { hlc: item.hlc, by: item.updatedBy, at: item.updatedAt };
  const saver =
    (field: 'title' | 'entry') =>
    async (value: string, base: { hlc: string; value: string }): Promise<SaveOutcome> => {
      const result = await actions.update(item.id, { [field]: value }, { hlc: base.hlc, values: { [field]: base.value } });
      const lost = result.overwritten;
      return { hlc: result.item.hlc, overwritten: lost ? { value: lost[field], hlc: lost.hlc, by: lost.updatedBy, at: lost.updatedAt } : null };
    };
  const title = useAutosave(item.title, version, saver('title'));
  const entry = useAutosave(item.entry, version, saver('entry'));
  const [moveError, setMoveError] = useState<string | null>(null);
  const id = (field: string) => `${field}-${item.id}`;

  async function patch(p: ItemPatch) {
    setMoveError(null);
    // Text typed so far is saved before the item moves away.
    await Promise.all([title.flush(), entry.flush()]);
    try {
      await actions.update(item.id, p);
    } catch (error) {
      setMoveError(error instanceof Error ? error.message : String(error));
    }
  }

  function setStatus(status: ItemStatus) {
    void patch({ status: item.status === status ? 'draft' : status });
  }

  return (
    <div class="editor">
      <label for={id('title')}>Title</label>
      <input id={id('title')} value={title.value} onInput={(e) => title.onInput(e.currentTarget.value)} onBlur={() => void title.flush()} />
      <SaveStatus state={title.state} />
      <OtherVersionNotice field="title" other={title.other} onDismiss={title.dismissOther} onUse={(v) => (v.replaced ? actions.restoreVersion(item.id, v.hlc) : Promise.resolve(title.onInput(v.value)))} />
      <div class="entry-edit">
        <div>
          <label for={id('entry')}>Entry (Markdown)</label>
          <textarea
            id={id('entry')}
            class="entry-input"
            rows={6}
            value={entry.value}
            onInput={(e) => entry.onInput(e.currentTarget.value)}
            onBlur={() => void entry.flush()}
          />
          <SaveStatus state={entry.state} />
          <OtherVersionNotice field="entry" other={entry.other} onDismiss={entry.dismissOther} onUse={(v) => (v.replaced ? actions.restoreVersion(item.id, v.hlc) : Promise.resolve(entry.onInput(v.value)))} />
        </div>
        <div>
          <span class="label">Preview</span>
          <Preview class="entry-preview live" markdown={entry.value} />
        </div>
      </div>
      <div class="row wrap">
        <div>
          <label for={id('section')}>Section</label>
          <select id={id('section')} value={item.section} onChange={(e) => void patch({ section: e.currentTarget.value })}>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>{s.path}</option>
            ))}
          </select>
        </div>
        <div>
          <label for={id('also')}>Also place in</label>
          <select
            id={id('also')}
            value=""
            title="The same page as a second item in another section (a XEP both Stable and Updated, a talk in Events and Videos)"
            onChange={(e) => {
              const section = e.currentTarget.value;
              e.currentTarget.value = '';
              if (section) void Promise.all([title.flush(), entry.flush()]).then(() => actions.placeAlso(item, section));
            }}
          >
            <option value="">Another section…</option>
            {sections
              .filter((s) => s.id !== item.section)
              .map((s) => (
                <option key={s.id} value={s.id}>{s.path}</option>
              ))}
          </select>
        </div>
        <div>
          <label for={id('issue')}>Issue</label>
          <input
            id={id('issue')}
            // An item moves between issues of its own newsletter's cadence (month or ISO week).
            type={cadence === 'weekly' ? 'week' : 'month'}
            value={item.issue}
            onChange={(e) => {
              const next = e.currentTarget.value;
              if (isIssueKey(next, cadence) && next !== item.issue) void patch({ issue: next });
            }}
          />
        </div>
        <div class="grow actions">
          <button type="button" aria-pressed={item.status === 'ready'} onClick={() => setStatus('ready')}>
            {item.status === 'ready' ? '✓ Ready' : 'Mark ready'}
          </button>
          <button type="button" aria-pressed={item.status === 'excluded'} onClick={() => setStatus('excluded')}>
            {item.status === 'excluded' ? 'Excluded' : 'Exclude'}
          </button>
          <button type="button" class="danger" onClick={() => actions.remove(item)}>
            Delete
          </button>
        </div>
      </div>
      <p class="small muted">
        {/^https?:\/\//i.test(item.url) ? (
          <a href={item.url} target="_blank" rel="noopener noreferrer">{item.url}</a>
        ) : (
          item.url
        )}
      </p>
      {moveError && <p class="notice error" role="alert">{moveError}</p>}
    </div>
  );
}

/**
 * Who clipped it and who changed it last: the names people gave themselves, and where the
 * newsroom told us, the address its server vouches for (shown when no name is set, and on hover).
 */
export function Credit({ item, sender }: { item: NewsItem; sender?: SenderRecord | undefined }) {
  const clipper = item.contributor || sender?.firstJid || '';
  const sentThis = sender && sender.hlc === item.hlc ? sender.jid : '';
  const changer = item.ancestors.length > 0 ? item.updatedBy || sentThis : '';
  const title = sentThis ? `This version reached the newsroom from ${sentThis}.` : undefined;
  return (
    <span title={title} data-testid="credit">
      {clipper && <span> · by {clipper}</span>}
      {changer && changer !== clipper && <span> · changed by {changer}</span>}
      {sentThis && sentThis !== changer && sentThis !== clipper && <span> · sent by {sentThis}</span>}
    </span>
  );
}

/** The field was changed elsewhere while it was being edited here. */
function OtherVersionNotice({
  field,
  other,
  onDismiss,
  onUse,
}: {
  field: string;
  other: OtherVersion | null;
  onDismiss: () => void;
  onUse: (other: OtherVersion) => Promise<unknown>;
}) {
  if (!other) return null;
  const who = `${other.by || 'someone'} at ${new Date(other.at).toLocaleString()}`;
  return (
    <div class="notice warn small" role="alert" data-testid={`other-${field}`}>
      {other.replaced
        ? `Your ${field} replaced a change made elsewhere (by ${who}); that version is kept in the item’s history:`
        : `This ${field} was changed elsewhere (by ${who}) while you were editing; saving yours keeps theirs in the item’s history:`}
      <pre class="other-version">{other.value}</pre>
      <button type="button" class="small" onClick={() => void onUse(other).then(onDismiss)}>
        Use that version
      </button>{' '}
      <button type="button" class="small linkish" onClick={onDismiss}>
        Keep mine
      </button>
    </div>
  );
}

/** Versions that lost a merge or were overwritten: shown until the editor decides. */
function OtherVersions({ item, actions }: { item: NewsItem; actions: CardActions }) {
  const open = item.history.filter((h) => !h.dismissed);
  if (open.length === 0) return null;
  return (
    <details class="other-versions" data-testid="history">
      <summary class="small">
        {open.length} other version{open.length === 1 ? '' : 's'} of this item (a conflict was resolved by keeping the later edit)
      </summary>
      <ul>
        {open.map((lost: LostVersion) => (
          <li key={lost.hlc} class="small">
            {lost.reason === 'merge' ? 'Lost a merge' : 'Overwritten'}: by {lost.updatedBy || 'someone'} at {new Date(lost.updatedAt).toLocaleString()}
            {lost.deletedAt ? ' (a deletion)' : ''} — section {lost.section}, {lost.issue}
            <pre class="other-version">{`${lost.title}\n\n${lost.entry}`}</pre>
            <button type="button" class="small" onClick={() => void actions.restoreVersion(item.id, lost.hlc)}>
              Use this version
            </button>{' '}
            <button type="button" class="small linkish" onClick={() => void actions.dismissVersion(item.id, lost.hlc)}>
              Keep the current one
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** An entry's preview; if rendering it fails, a notice takes its place and the card works on. */
function Preview({ markdown, class: className }: { markdown: string; class: string }) {
  return (
    <ErrorBoundary
      resetKey={markdown}
      fallback={(error) => (
        <p class={`${className} notice warn small`} role="status">
          This entry cannot be previewed ({error.message.split('\n')[0]}). Its text is unchanged: Edit shows it, and the draft has it.
        </p>
      )}
    >
      <SafeMarkdown class={className} markdown={markdown} />
    </ErrorBoundary>
  );
}

/**
 * One item's card, or a plain notice naming the item when the card itself fails to render
 * (a damaged record): the other items are shown all the same.
 */
export function SafeItemCard(props: Parameters<typeof ItemCard>[0]) {
  return (
    <ErrorBoundary
      resetKey={props.item}
      fallback={(error) => (
        <article class="card notice error" data-card={props.item.id}>
          “{String(props.item.title)}” cannot be shown ({error.message.split('\n')[0]}).
        </article>
      )}
    >
      <ItemCard {...props} />
    </ErrorBoundary>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  if (state.kind === 'failed') {
    return <p class="notice error small" role="alert">{state.message} Your text is still here; it is saved again when you type or leave the field.</p>;
  }
  const text = { idle: '', editing: 'Editing…', saving: 'Saving…', saved: 'Saved' }[state.kind];
  return <p class="small muted save-state" data-state={state.kind}>{text}</p>;
}
