import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { NewsletterPreset } from '../../utils/presets/types';
import { sectionPath } from '../../utils/presets/types';
import type { ItemStore } from '../../utils/storage/items';
import { hasXepSections, NoXepSectionError, noXepSections } from '../../utils/xeps/entries';
import { XepSourceError } from '../../utils/xeps/errors';
import { persistentForgeCache, type KeyValueArea } from '../../utils/xeps/forge-cache';
import { readGithubToken } from '../../utils/xeps/github-token';
import { draftMonthFromGithub, entryGroups, GITHUB_ORIGINS, monthTiming, type EntryGroup, type ForgeMonth } from '../../utils/xeps/month-draft';
import type { XepImportReport } from '../../utils/xeps/plan';
import type { ForgeStats } from '../../utils/xeps/source-forge';
import { issueName } from '../format';
import { messageOf } from './hooks';
import { wordDiff } from './word-diff';

/**
 * "Draft XEP updates" in the Desk: the issue's month of the xsf/xeps history read from GitHub
 * (utils/xeps/month-draft.ts), previewed — entries by subsection, what adding them would do,
 * the editor's own entries against the fresh drafts, files skipped, to-dos, requests spent —
 * and added to the issue through the store (ItemStore.importXepChanges), so the item list and
 * the draft follow as after any other write. The two GitHub origins are asked for on first
 * use, in the click itself (a user gesture, which both Chrome and Firefox require).
 */

/** What the feature needs from the browser; tests give their own. */
export interface XepUpdatesDeps {
  /** Ask for host access to `origins`. Called synchronously in the click handler. */
  requestAccess(origins: readonly string[]): Promise<boolean>;
  fetch: typeof fetch;
  /** The extension's local storage: the optional GitHub token and the answers cache. */
  area: KeyValueArea;
  now(): Date;
}

export function browserXepDeps(): XepUpdatesDeps {
  return {
    requestAccess: (origins) => browser.permissions.request({ origins: [...origins] }),
    fetch: (input, init) => fetch(input, init),
    area: browser.storage.local,
    now: () => new Date(),
  };
}

/** Whether the Desk offers the action for this newsletter: monthly, with XEP sections. */
export function offersXepUpdates(preset: NewsletterPreset): boolean {
  return preset.cadence === 'monthly' && hasXepSections(preset);
}

interface Run {
  month: string;
  issue: string;
  preset: NewsletterPreset;
  drafted: ForgeMonth;
  groups: EntryGroup[];
  /** The month is not over yet: these are its changes so far. */
  running: boolean;
}

export type XepState =
  | { step: 'closed' }
  | { step: 'asking'; month: string }
  | { step: 'reading'; month: string; progress: string }
  | { step: 'problem'; month: string; message: string }
  | { step: 'preview'; run: Run; preview: XepImportReport; adding: boolean; error: string | null }
  | { step: 'done'; run: Run; report: XepImportReport };

const HOSTS = GITHUB_ORIGINS.map((o) => new URL(o.replace(/\*$/, '')).host).join(' and ');

export function refusedMessage(): string {
  return `Newsdesk was not allowed to read ${HOSTS}, so nothing was fetched. Press “Draft XEP updates” again to be asked again.`;
}

/** An error of a run, in the words the editor sees. */
export function problemMessage(error: unknown, withToken: boolean): string {
  if (error instanceof XepSourceError) {
    return error.kind === 'unauthorized' && withToken ? `${error.message} The token is in Newsdesk’s settings (GitHub token).` : error.message;
  }
  if (error instanceof NoXepSectionError) return error.message;
  return `The XEP updates could not be drafted: ${messageOf(error)}`;
}

export function useXepUpdates({ deps, items, preset, issue, onAdded }: { deps: XepUpdatesDeps; items: ItemStore; preset: NewsletterPreset; issue: string; onAdded?: (report: XepImportReport) => void }) {
  const [state, setState] = useState<XepState>({ step: 'closed' });
  const current = useRef(0);

  // Another issue or newsletter on the Desk: a run for the previous one is dropped.
  const shown = useRef(`${preset.id}|${issue}`);
  useEffect(() => {
    if (shown.current === `${preset.id}|${issue}`) return;
    shown.current = `${preset.id}|${issue}`;
    current.current++;
    setState({ step: 'closed' });
  }, [issue, preset.id]);

  /** The click handler: nothing may be awaited before the permission request (the user gesture). */
  function start(): void {
    const id = ++current.current;
    const month = issue;
    const runPreset = preset;
    const timing = monthTiming(month, deps.now());
    if (timing === 'future') {
      setState({ step: 'problem', month, message: `${issueName(month)} has not begun yet: there are no XEP changes to draft. Nothing was fetched.` });
      return;
    }
    if (!hasXepSections(runPreset)) {
      setState({ step: 'problem', month, message: noXepSections(runPreset).message });
      return;
    }
    let asked: Promise<boolean>;
    try {
      asked = deps.requestAccess(GITHUB_ORIGINS);
    } catch (error) {
      asked = Promise.reject(error);
    }
    setState({ step: 'asking', month });
    const live = () => id === current.current;
    void (async () => {
      let granted: boolean;
      try {
        granted = await asked;
      } catch (error) {
        if (live()) setState({ step: 'problem', month, message: `Newsdesk could not ask for access to ${HOSTS}: ${messageOf(error)}` });
        return;
      }
      if (!live()) return;
      if (!granted) {
        setState({ step: 'problem', month, message: refusedMessage() });
        return;
      }
      setState({ step: 'reading', month, progress: `Reading the commits of ${issueName(month)} from GitHub…` });
      const token = await readGithubToken(deps.area).catch(() => null);
      try {
        const drafted = await draftMonthFromGithub(month, {
          fetch: deps.fetch,
          token,
          cache: persistentForgeCache(deps.area),
          now: deps.now,
          onCommit: (commit, index, total) => live() && setState({ step: 'reading', month, progress: `Reading commit ${index + 1} of ${total}: ${commit.subject}` }),
        });
        const groups = entryGroups(drafted.result, runPreset);
        const preview = await items.previewXepChanges(drafted.result, runPreset, month);
        if (live()) setState({ step: 'preview', run: { month, issue: month, preset: runPreset, drafted, groups, running: timing === 'current' }, preview, adding: false, error: null });
      } catch (error) {
        if (live()) setState({ step: 'problem', month, message: problemMessage(error, token !== null) });
      }
    })();
  }

  async function add(): Promise<void> {
    if (state.step !== 'preview') return;
    const { run } = state;
    const id = current.current;
    setState({ ...state, adding: true, error: null });
    try {
      const report = await items.importXepChanges(run.drafted.result, run.preset, run.issue);
      if (id !== current.current) return;
      setState({ step: 'done', run, report });
      onAdded?.(report);
    } catch (error) {
      if (id === current.current) setState({ ...state, adding: false, error: messageOf(error) });
    }
  }

  function close(): void {
    current.current++;
    setState({ step: 'closed' });
  }

  return { state, start, add, close };
}

export function XepUpdatesPanel({ state, onAdd, onClose }: { state: XepState; onAdd: () => void; onClose: () => void }) {
  if (state.step === 'closed') return null;
  const month = 'run' in state ? state.run.month : state.month;
  return (
    <section id="xep-updates" class="xep-updates notice" aria-labelledby="xep-updates-heading" data-testid="xep-updates">
      <div class="row">
        <h2 id="xep-updates-heading" class="grow">
          XEP updates of {issueName(month)}
        </h2>
        <button type="button" class="linkish" onClick={onClose}>
          Close
        </button>
      </div>
      <p class="small muted">The changes merged into the XSF’s xsf/xeps repository (on GitHub) in {issueName(month)}, drafted in the newsletter’s form.</p>
      {state.step === 'asking' && (
        <p role="status" data-testid="xep-status">
          Asking for access to {HOSTS}…
        </p>
      )}
      {state.step === 'reading' && (
        <p role="status" data-testid="xep-status">
          {state.progress}
        </p>
      )}
      {state.step === 'problem' && (
        <p class="notice error" role="alert" data-testid="xep-problem">
          {state.message}
        </p>
      )}
      {state.step === 'preview' && <Preview state={state} onAdd={onAdd} />}
      {state.step === 'done' && (
        <div class="notice ok" role="status" data-testid="xep-done">
          <p>{state.report.lines[0]}</p>
          {state.report.lines.length > 1 && (
            <ul class="small">
              {state.report.lines.slice(1).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function Preview({ state, onAdd }: { state: Extract<XepState, { step: 'preview' }>; onAdd: () => void }) {
  const { run, preview } = state;
  const { result, stats } = run.drafted;
  const count = result.changes.length;
  const kept = new Map(preview.keptEdited.map((k) => [k.id, k]));
  const deleted = new Set(preview.keptDeleted.map((k) => k.id));
  // The report's lines: the counts, one line per kept-edited item (shown with its difference below), then the rest.
  const otherLines = preview.lines.slice(1 + preview.keptEdited.length);
  const todos = run.groups.flatMap((g) => g.changes.flatMap((d) => d.entry.notes.map((note) => ({ what: `${d.entry.heading}, ${d.change.number ? `XEP-${d.change.number}` : d.change.title}`, note }))));
  const keptCount = preview.keptEdited.length + preview.keptDeleted.length;
  return (
    <div aria-label="XEP updates preview" data-testid="xep-preview">
      {run.running && (
        <p class="notice warn small" role="status">
          {issueName(run.month)} is not over: these are its changes so far. Draft again at the end of the month; nothing is added twice.
        </p>
      )}
      <p data-testid="xep-counts">
        {count === 0
          ? `No XEP changes in ${issueName(run.month)} (${result.commitCount} commit${result.commitCount === 1 ? '' : 's'} read).`
          : `${count} change${count === 1 ? '' : 's'} in ${result.commitCount} commit${result.commitCount === 1 ? '' : 's'}: ${preview.added} to add, ${preview.updated} to update, ${preview.unchanged} unchanged${keptCount ? `, ${keptCount} kept as the editors left them` : ''}.`}
      </p>
      {run.groups.map((group) => (
        <section key={group.section} class="xep-group" data-section={group.section} aria-label={group.path}>
          <h3>{group.path}</h3>
          <ul class="xep-entries">
            {group.changes.map((d) => (
              <li key={d.itemId} data-testid="xep-change" data-item={d.itemId}>
                <pre class="xep-entry" data-testid="xep-entry">
                  {d.entry.markdown}
                </pre>
                {kept.has(d.itemId) && <span class="badge">kept as edited: the draft is not applied</span>}
                {deleted.has(d.itemId) && <span class="badge">deleted here: stays deleted</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {preview.keptEdited.length > 0 && (
        <section class="xep-kept" data-testid="xep-kept-edited" aria-labelledby="xep-kept-heading">
          <h3 id="xep-kept-heading">Entries the editors changed</h3>
          <p class="small muted">
            These stay as they are. Struck through: only in the entry as edited; underlined: only in the fresh draft.
          </p>
          {preview.keptEdited.map((k) => (
            <div key={k.id} class="xep-kept-item" data-item={k.id}>
              <p class="small">
                “{k.title}” ({sectionPath(run.preset, k.section)}): {k.why}.
              </p>
              <pre class="xep-diff" data-testid="xep-diff">
                {wordDiff(k.yours, k.drafted).map((part, i) =>
                  part.kind === 'same' ? part.text : part.kind === 'removed' ? <del key={i}>{part.text}</del> : <ins key={i}>{part.text}</ins>,
                )}
              </pre>
            </div>
          ))}
        </section>
      )}
      {todos.length > 0 && (
        <section data-testid="xep-todos">
          <h3>To do before publishing</h3>
          <ul class="small">
            {todos.map((t, i) => (
              <li key={i}>
                {t.what}: {t.note}
              </li>
            ))}
          </ul>
        </section>
      )}
      {otherLines.length > 0 && (
        <ul class="small" data-testid="xep-lines">
          {otherLines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {result.skipped.length > 0 && (
        <section data-testid="xep-skipped">
          <h3>Files that could not be read</h3>
          <p class="small muted">Their changes are not in the preview; check them on xmpp.org.</p>
          <ul class="small">
            {result.skipped.map((s, i) => (
              <li key={i}>
                {s.path} at {s.commit.slice(0, 10)}: {s.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.warnings.length > 0 && (
        <details class="small" data-testid="xep-warnings">
          <summary>
            {result.warnings.length} file{result.warnings.length === 1 ? '' : 's'} read with something left as written
          </summary>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>
                {w.path} at {w.commit.slice(0, 10)}: {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p class="small muted" data-testid="xep-requests">
        {requestsLine(stats)}
      </p>
      {state.error && (
        <p class="notice error" role="alert">
          {state.error}
        </p>
      )}
      {count > 0 && (
        <div class="actions">
          <button type="button" class="primary" onClick={onAdd} disabled={state.adding}>
            Add to the issue
          </button>
        </div>
      )}
    </div>
  );
}

/** "GitHub: 20 API requests (40 of 60 left until 14:00); 18 files from raw.githubusercontent.com; 0 answers from the cache." */
export function requestsLine(stats: ForgeStats): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const limit = stats.rateLimit;
  const left = limit ? ` (${limit.remaining} of ${limit.limit} left until ${resetTime(limit.resetsAt)})` : '';
  return `GitHub: ${plural(stats.apiRequests, 'API request')}${left}; ${plural(stats.rawRequests, 'file')} from ${new URL(GITHUB_ORIGINS[1]!.replace(/\*$/, '')).host}; ${plural(stats.cacheHits, 'answer')} from the cache.`;
}

function resetTime(iso: string): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === new Date().toDateString() ? time : `${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}, ${time}`;
}
