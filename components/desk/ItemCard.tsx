import { useState } from 'preact/hooks';
import { isIssueKey, issueCadence } from '../../utils/model/issue';
import type { ItemStatus, NewsItem } from '../../utils/model/item';
import type { ItemPatch } from '../../utils/storage/collection';
import { itemSite } from '../../utils/storage/queries';
import { issueName } from '../format';
import { ErrorBoundary } from './ErrorBoundary';
import { useAutosave, type SaveState } from './hooks';
import { SafeMarkdown } from './safe-markdown';

export interface SectionChoice {
  id: string;
  path: string;
}

export interface CardActions {
  update(id: string, patch: ItemPatch): Promise<unknown>;
  remove(item: NewsItem): void;
  /** Move by `delta` places within the section (keyboard reorder). */
  nudge(item: NewsItem, delta: number): void;
  /** Drag and drop: put `draggedId` before `item` (or after it when `after`). */
  dropOn(item: NewsItem, draggedId: string, after: boolean): void;
}

export const DRAG_TYPE = 'application/x-newsdesk-item';

/** One item: its entry rendered (inert), and on demand an editor that saves as you type. */
export function ItemCard({
  item,
  sections,
  showIssue,
  actions,
}: {
  item: NewsItem;
  sections: readonly SectionChoice[];
  showIssue: boolean;
  actions: CardActions;
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
            {item.contributor && <span> · by {item.contributor}</span>}
            {showIssue && <span> · {issueName(item.issue)} › {sectionPath}</span>}
          </div>
        </div>
        {item.status !== 'draft' && <span class={`badge ${item.status}`}>{item.status}</span>}
        <button type="button" class="small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Close' : 'Edit'}
        </button>
      </div>
      {!open && <Preview class="entry-preview" markdown={item.entry || item.url} />}
      {open && <ItemEditor item={item} sections={sections} actions={actions} />}
    </article>
  );
}

function ItemEditor({ item, sections, actions }: { item: NewsItem; sections: readonly SectionChoice[]; actions: CardActions }) {
  const cadence = issueCadence(item.issue) ?? 'monthly';
  const title = useAutosave(item.title, (value) => actions.update(item.id, { title: value }));
  const entry = useAutosave(item.entry, (value) => actions.update(item.id, { entry: value }));
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
