import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { NewsItem } from '../utils/model/item';
import { call, RemoteError } from '../utils/messages/client';
import type { ClipPreparation } from '../utils/messages/protocol';
import { ClipFacts } from './ClipFacts';
import { ExportActions, openDesk } from './ExportActions';
import { coveredText, issueName, nearbyIssues } from './format';
import { sectionForKey, sectionKeys } from './section-keys';
import { requestPersistence } from '../utils/storage/persistence';
import { issueCadence } from '../utils/model/issue';

type Phase =
  | { kind: 'reading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; prep: ClipPreparation }
  | { kind: 'saved'; prep: ClipPreparation; item: NewsItem; updated: boolean; notices: string[] };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The tab to clip: the active tab of the popup's window, or the one named in `?tab=` when the
 * form opened in its own window after a context-menu click (utils/clip/context-menu.ts).
 */
async function targetTab(): Promise<{ id?: number; url?: string; title?: string } | undefined> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return browser.tabs.get(named);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/**
 * Read the page and prepare the clip. main.tsx starts this before the first render: an effect
 * would only run after the browser painted, one frame later on the user's wait.
 */
export async function prepareClip(): Promise<ClipPreparation> {
  const tab = await targetTab();
  if (!tab?.id) throw new Error('There is no tab to clip.');
  // Marks for `npm run bench` (scripts/bench/popup-corpus.ts): the background's share of the wait.
  performance.mark('newsdesk:prepare-sent');
  const prep = await call('clip.prepare', { tabId: tab.id, url: tab.url ?? '', title: tab.title ?? '' });
  performance.mark('newsdesk:prepare-received');
  return prep;
}

export function Popup({ preparation }: { preparation: Promise<ClipPreparation> }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'reading' });

  useEffect(() => {
    preparation.then(
      (prep) => setPhase({ kind: 'ready', prep }),
      (error: unknown) => setPhase({ kind: 'failed', message: message(error) }),
    );
  }, [preparation]);

  return (
    <main>
      <header class="row">
        <h1 class="grow">Newsdesk</h1>
        <button type="button" class="linkish small" onClick={() => void openDesk()}>
          Desk
        </button>
        <button type="button" class="linkish small" onClick={() => browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </header>
      {phase.kind === 'reading' && <p class="muted" role="status">Reading the page…</p>}
      {phase.kind === 'failed' && <p class="notice error" role="alert">{phase.message}</p>}
      {phase.kind === 'ready' && (
        <ClipForm prep={phase.prep} onSaved={(item, updated, notices) => setPhase({ kind: 'saved', prep: phase.prep, item, updated, notices })} />
      )}
      {phase.kind === 'saved' && (
        <>
          <SavedNotice>
            {phase.updated ? 'Updated' : 'Saved'} in {issueName(phase.item.issue)} ›{' '}
            {phase.prep.sections.find((s) => s.id === phase.item.section)?.path ?? phase.item.section}.
          </SavedNotice>
          {phase.notices.length > 0 && (
            <ul class="notice warn small" data-testid="save-notices">
              {phase.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <ExportActions newsletter={phase.item.newsletter} issue={phase.item.issue} />
          <BackupReminderLine />
        </>
      )}
      <NewsroomLine />
      <ShortcutLine />
    </main>
  );
}

/** The confirmation after a save, focused so keyboard and screen-reader users land on it. */
function SavedNotice({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLParagraphElement>(null);
  // Layout effect: focus moves in the same frame the notice appears, not a paint later.
  useLayoutEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} class="notice ok" role="status" tabIndex={-1} data-testid="saved">
      {children}
    </p>
  );
}

/** The keyboard shortcut that opens Newsdesk, as the browser has it bound now (users can change it). */
function ShortcutLine() {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    // After first paint, off the clip's path; a browser without the commands API shows nothing.
    browser.commands?.getAll().then(
      (commands) => setShortcut(commands.find((c) => c.name === '_execute_action')?.shortcut ?? ''),
      () => setShortcut(null),
    );
  }, []);
  if (shortcut === null) return null;
  return (
    <p class="small muted" data-testid="shortcut">
      {shortcut ? (
        <>
          Open Newsdesk with <kbd>{shortcut}</kbd> (change it in the browser’s extension shortcuts).
        </>
      ) : (
        'Set a keyboard shortcut for Newsdesk in the browser’s extension shortcuts.'
      )}
    </p>
  );
}

function ClipForm({ prep, onSaved }: { prep: ClipPreparation; onSaved: (item: NewsItem, updated: boolean, notices: string[]) => void }) {
  const existing = prep.existing;
  const [title, setTitle] = useState(prep.capture.title);
  const [section, setSection] = useState(existing?.section ?? prep.suggestion.section);
  const [entry, setEntry] = useState(existing?.entry ?? prep.entry);
  // An item saved under a newsletter of another cadence cannot keep its key in this picker.
  const [issue, setIssue] = useState(
    existing && issueCadence(existing.issue) === issueCadence(prep.issue) ? existing.issue : prep.issue,
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The last text Newsdesk drafted: a section change redrafts only while the user has not edited it.
  const drafted = useRef(existing?.entry ?? prep.entry);
  const sectionRef = useRef<HTMLSelectElement>(null);
  const keys = useMemo(() => sectionKeys(prep.sections), [prep.sections]);
  const issues = useMemo(() => nearbyIssues(prep.issue, issue), [prep.issue]);

  useEffect(() => {
    // Click → filled form, read by `npm run bench` (scripts/bench/popup.ts); a mark costs nothing.
    performance.mark('newsdesk:clip-form');
    sectionRef.current?.focus();
  }, []);

  async function changeSection(next: string) {
    setSection(next);
    if (entry !== drafted.current) return;
    try {
      const redrafted = await call('clip.redraft', { capture: prep.capture, newsletter: prep.newsletter, section: next });
      drafted.current = redrafted;
      setEntry((current) => (current === entry ? redrafted : current));
    } catch {
      // Keep the current text: a redraft is a convenience.
    }
  }

  async function save() {
    if (saving) return;
    setSaving(true);
    setError(null);
    try {
      const input = { capture: prep.capture, newsletter: prep.newsletter, issue, section, entry, title, drafted: drafted.current };
      const mode = existing ? ({ kind: 'update', id: existing.id } as const) : ({ kind: 'create' } as const);
      const { item, notices } = await call('clip.save', { input, mode, suggested: prep.suggestion.section });
      onSaved(item, Boolean(existing), notices);
      // The user just trusted Newsdesk with work: ask the browser to keep it (a no-op once granted).
      void requestPersistence();
    } catch (err) {
      setError(err instanceof RemoteError && err.name === 'DuplicateError' ? `${err.message} Reopen Newsdesk to update it.` : message(err));
      setSaving(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  }

  /** A section's letter picks it at once (the browser's own type-ahead would search the labels). */
  function onSectionKey(event: KeyboardEvent) {
    const picked = sectionForKey(keys, event);
    if (!picked) return;
    event.preventDefault();
    if (picked !== section) void changeSection(picked);
  }

  if (!prep.capture.url) {
    // Browser pages, stores and source views: the browser shows extensions neither their
    // address nor their title, so there is no link to keep.
    return (
      <p class="notice warn" role="alert" data-testid="problem">
        {prep.problem} The browser does not show this tab’s address to extensions, so there is nothing to clip here.
      </p>
    );
  }

  return (
    <form
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {(!prep.readable || prep.problem) && (
        <p class="notice warn" role="alert" data-testid="problem">
          {prep.problem}
          {prep.readable ? '' : ' You can still save its title and link.'}
        </p>
      )}
      {existing && (
        <p class="notice warn" data-testid="existing">
          Already in your collection{prep.existingBy ? ` (clipped by ${prep.existingBy})` : ''}: {issueName(existing.issue)} ›{' '}
          {prep.sections.find((s) => s.id === existing.section)?.path ?? existing.section}. Saving updates that item.
        </p>
      )}
      {prep.covered.length > 0 && (
        <p class="notice" data-testid="covered">
          Already covered {prep.covered.map(coveredText).join('; ')}.
        </p>
      )}
      <label for="title">Title</label>
      <input id="title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      <ClipFacts capture={prep.capture} />

      <div class="row fields">
        <div class="section-field">
          <label for="section">
            Section <span class="hint">(type its letter)</span>
          </label>
          <select
            id="section"
            ref={sectionRef}
            value={section}
            onKeyDown={onSectionKey}
            onChange={(e) => void changeSection(e.currentTarget.value)}
          >
            {prep.sections.map((s) => (
              <option key={s.id} value={s.id}>
                {keys.has(s.id) ? `${keys.get(s.id)!.toUpperCase()} · ${s.path}` : s.path}
              </option>
            ))}
          </select>
        </div>
        <div class="issue-field">
          <label for="issue">Issue</label>
          {/* A list, not a month input: one tab stop, and the arrow keys step through periods. */}
          <select id="issue" data-cadence={issueCadence(prep.issue) ?? undefined} value={issue} onChange={(e) => setIssue(e.currentTarget.value)}>
            {issues.map((key) => (
              <option key={key} value={key}>
                {issueName(key)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p class="small muted" data-testid="suggestion-reason">
        Proposed: {prep.sections.find((s) => s.id === prep.suggestion.section)?.path} ({prep.suggestion.reason})
      </p>

      <label for="entry">Entry</label>
      <textarea id="entry" rows={6} value={entry} onInput={(e) => setEntry(e.currentTarget.value)} />
      <p class="small muted">{entry.length} characters · Markdown</p>

      {error && <p class="notice error" role="alert">{error}</p>}
      <div class="actions">
        <button type="submit" class="primary" aria-keyshortcuts="Control+Enter Meta+Enter" disabled={saving || !entry.trim() || !issue}>
          {existing ? 'Update' : 'Save'}
        </button>
        <span class="small muted" aria-hidden="true">
          Ctrl+Enter
        </span>
      </div>
      <p class="small muted">
        {prep.contributor ? `Clipping as ${prep.contributor}.` : 'Set your name in Settings so the editor can credit you.'}
      </p>
    </form>
  );
}

/** The end-of-period backup reminder, after a save (never in the way of clipping). */
function BackupReminderLine() {
  const [reminder, setReminder] = useState<string | null>(null);
  useEffect(() => {
    call('storage.status', null).then(
      (status) => setReminder(status.reminder?.message ?? null),
      () => setReminder(null),
    );
  }, []);
  if (!reminder) return null;
  return (
    <p class="notice warn small" role="status" data-testid="backup-reminder">
      {reminder}{' '}
      <button type="button" class="linkish small" onClick={() => browser.runtime.openOptionsPage()}>
        Back up now
      </button>
    </p>
  );
}

/** The newsroom's status in one line, from the background (no sync code in the popup). */
function NewsroomLine() {
  const [line, setLine] = useState<string | null>(null);
  useEffect(() => {
    const refresh = () =>
      call('newsroom.status', null).then(
        (report) => setLine(report.joined ? report.line : null),
        () => setLine(null),
      );
    void refresh();
    const timer = setInterval(() => void refresh(), 2_000);
    return () => clearInterval(timer);
  }, []);
  if (!line) return null;
  return (
    <p class="small muted" role="status" data-testid="newsroom-line">
      {line}
    </p>
  );
}
