import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { draftSummary } from '../../utils/export/summary';
import { collectIssueItems, type DraftItem } from '../../utils/export/select';
import { parseContributorList, type IssueMeta, type LostIssueMeta } from '../../utils/model/issue-meta';
import { filingId, type NewsletterPreset } from '../../utils/presets/types';
import type { DamagedIssueMeta, IssueMetaPatch, IssueMetaStore } from '../../utils/storage/issue-meta';
import { messageOf } from './hooks';

/**
 * What the issue has beyond its items, edited in the Desk: the front matter teaser
 * (`summary:`; drafted from the items unless the editor writes their own), the occasional fixed
 * blocks switched on for this issue ("XMPP Public channels"), and the people credited besides
 * those who clipped. Saved as you type through the stamped write path; a version written
 * elsewhere meanwhile is never lost: it is shown, and can be taken back.
 */
export function IssueDetails({
  store,
  preset,
  issue,
  items,
  meta,
  damaged,
}: {
  store: IssueMetaStore;
  preset: NewsletterPreset;
  issue: string;
  items: readonly DraftItem[];
  meta: IssueMeta | undefined;
  damaged: DamagedIssueMeta | null;
}) {
  const newsletter = filingId(preset);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const drafted = useMemo(() => (preset.summary ? draftSummary(preset, collectIssueItems(preset, issue, items).bySection) : null), [preset, issue, items]);
  const occasional = preset.sections.filter((s) => s.kind === 'fixed' && s.occasional);

  async function save(patch: IssueMetaPatch, base?: { hlc: string | null; values: Partial<IssueMeta> }, done?: string) {
    try {
      const result = await store.update(newsletter, issue, patch, base);
      if (result.overwritten) setStatus({ text: `Saved. A version written meanwhile by ${result.overwritten.updatedBy || 'someone'} was replaced; it is kept below.` });
      else if (done) setStatus({ text: done });
      return true;
    } catch (error) {
      setStatus({ text: `Not saved: ${messageOf(error)}`, error: true });
      return false;
    }
  }

  const others = (meta?.history ?? []).filter((h) => !h.dismissed);
  return (
    <section class="issue-details" aria-labelledby="issue-details-heading" data-testid="issue-details">
      <h2 id="issue-details-heading">This issue</h2>
      {damaged && (
        <p class="notice warn small" role="status">
          The details stored for this issue cannot be read ({damaged.reasons.join('; ')}); the draft uses the defaults. Saving here replaces them (the old record is kept aside).
        </p>
      )}
      {preset.summary && <TeaserField key={`${newsletter}|${issue}`} meta={meta} drafted={drafted} save={save} />}
      {occasional.length > 0 && (
        <fieldset class="blocks">
          <legend>Occasional blocks in this issue</legend>
          {occasional.map((section) => (
            <label key={section.id} class="inline">
              <input
                type="checkbox"
                checked={meta?.blocks[section.id] === true}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  void save({ blocks: { [section.id]: on } }, undefined, `“${section.heading}” is ${on ? 'in' : 'left out of'} the draft.`);
                }}
              />{' '}
              {section.heading}
            </label>
          ))}
        </fieldset>
      )}
      <ContributorsField key={`${newsletter}|${issue}|contributors`} meta={meta} save={save} />
      {others.length > 0 && <OtherVersions versions={others} store={store} newsletter={newsletter} issue={issue} onStatus={setStatus} />}
      {status && (
        <p class={`small ${status.error ? 'notice error' : 'muted'}`} role={status.error ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
    </section>
  );
}

type Save = (patch: IssueMetaPatch, base?: { hlc: string | null; values: Partial<IssueMeta> }, done?: string) => Promise<boolean>;

/**
 * The teaser: the editor's own when set, else the one drafted from the items (which follows
 * every change of the items). Typing makes it the editor's; "Use the drafted teaser" clears it.
 */
function TeaserField({ meta, drafted, save }: { meta: IssueMeta | undefined; drafted: string | null; save: Save }) {
  const own = meta?.summary ?? null;
  const shown = own ?? drafted ?? '';
  const [text, setText] = useState(shown);
  const dirty = useRef<string | null>(null);
  const base = useRef<{ hlc: string | null; summary: string | null }>({ hlc: meta?.hlc ?? null, summary: own });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Follow the stored (or drafted) teaser while the editor has nothing unsaved.
  useEffect(() => {
    if (dirty.current !== null) return;
    setText(shown);
    base.current = { hlc: meta?.hlc ?? null, summary: own };
  }, [shown, meta?.hlc, own]);

  // The latest values, for a save that runs after this render (a timer, leaving the page).
  const latest = useRef({ own, drafted, save });
  latest.current = { own, drafted, save };

  async function flush() {
    clearTimeout(timer.current);
    const value = dirty.current;
    if (value === null) return;
    const now = latest.current;
    // The drafted teaser typed back unchanged is not a teaser of one's own.
    const summary = now.own === null && value.trim() === (now.drafted ?? '').trim() ? null : value;
    const saved = await now.save({ summary }, { hlc: base.current.hlc, values: { summary: base.current.summary } });
    if (saved && dirty.current === value) dirty.current = null;
  }

  useEffect(() => {
    const leave = () => void flush();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, []);

  return (
    <div class="teaser">
      <label class="label" for="issue-teaser">
        Teaser <span class="hint">(front matter summary)</span>
      </label>
      <textarea
        id="issue-teaser"
        rows={5}
        value={text}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          dirty.current = value;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void flush(), 400);
        }}
        onBlur={() => void flush()}
      />
      <p class="small muted" data-testid="teaser-source">
        {own !== null ? 'The draft uses your teaser.' : drafted ? 'The draft uses the teaser drafted from the items; edit it to write your own.' : 'Nothing to draft a teaser from yet: the draft has no summary until you write one.'}
      </p>
      {own !== null && (
        <div class="drafted-teaser small">
          <p class="muted">Drafted from the items: {drafted ? `“${drafted}”` : '(nothing yet)'}</p>
          <button
            type="button"
            onClick={() => {
              clearTimeout(timer.current);
              dirty.current = null;
              // An explicit choice: whatever teaser is stored now is replaced.
              void save({ summary: null }, undefined, 'The draft uses the drafted teaser again.');
            }}
          >
            Use the drafted teaser
          </button>
        </div>
      )}
    </div>
  );
}

/** Extra names credited in the contributors block (those who clipped are credited anyway). */
function ContributorsField({ meta, save }: { meta: IssueMeta | undefined; save: Save }) {
  const stored = (meta?.contributors ?? []).join(', ');
  const [text, setText] = useState(stored);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setText(stored);
  }, [stored]);

  async function commit() {
    editing.current = false;
    const names = parseContributorList(text);
    if (names.join(', ') === stored) {
      setText(stored);
      return;
    }
    await save({ contributors: names }, { hlc: meta?.hlc ?? null, values: { contributors: meta?.contributors ?? [] } }, names.length ? `Also credited: ${names.join(', ')}.` : 'No extra names credited.');
  }

  return (
    <div class="extra-contributors">
      <label class="label" for="issue-contributors">
        Also credited <span class="hint">(comma-separated; everyone who clipped an item is credited anyway)</span>
      </label>
      <input
        id="issue-contributors"
        type="text"
        value={text}
        onInput={(e) => {
          editing.current = true;
          setText(e.currentTarget.value);
        }}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit();
          }
        }}
      />
    </div>
  );
}

/** Versions that lost a merge or were overwritten: shown until the editor keeps theirs or takes one back. */
function OtherVersions({
  versions,
  store,
  newsletter,
  issue,
  onStatus,
}: {
  versions: readonly LostIssueMeta[];
  store: IssueMetaStore;
  newsletter: string;
  issue: string;
  onStatus: (status: { text: string; error?: boolean }) => void;
}) {
  const act = (run: () => Promise<unknown>, done: string) =>
    run().then(
      () => onStatus({ text: done }),
      (error: unknown) => onStatus({ text: messageOf(error), error: true }),
    );
  return (
    <div class="notice warn small" role="status" data-testid="other-versions">
      <p>Other versions of these details, replaced by a later edit:</p>
      <ul>
        {versions.map((v) => (
          <li key={v.hlc}>
            By {v.updatedBy || 'someone'} at {v.updatedAt.replace('T', ' ').slice(0, 16)}: teaser {v.summary === null ? '(drafted)' : `“${v.summary}”`}
            {v.contributors.length ? `; also credited ${v.contributors.join(', ')}` : ''}.{' '}
            <button type="button" onClick={() => void act(() => store.restoreVersion(newsletter, issue, v.hlc), 'Took that version back.')}>
              Use this version
            </button>{' '}
            <button type="button" class="linkish" onClick={() => void act(() => store.dismissVersion(newsletter, issue, v.hlc), 'Kept the current version.')}>
              Keep the current one
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
