import { useMemo, useState } from 'preact/hooks';
import { composeDraft, draftFileName, type ComposedDraft } from '../../utils/export/draft';
import type { DraftItem } from '../../utils/export/select';
import type { NewsletterPreset } from '../../utils/presets/types';
import type { IssueMeta } from '../../utils/model/issue-meta';
import { copyText, downloadText } from '../files';
import { messageOf } from './hooks';

/**
 * The whole draft issue as it will be exported (the items and the issue's details: teaser,
 * extra credits, occasional blocks), updated with every change, and its export.
 */
export function DraftPanel({ preset, issue, items, meta }: { preset: NewsletterPreset; issue: string; items: readonly DraftItem[]; meta: IssueMeta | null }) {
  const [status, setStatus] = useState<string | null>(null);
  const draft = useMemo((): ComposedDraft & { error: string | null } => {
    try {
      return { ...composeDraft({ preset, issue, items, meta }), error: null };
    } catch (error) {
      return { markdown: '', problems: [], notices: [], error: messageOf(error) };
    }
  }, [preset, issue, items, meta]);
  const fileName = draftFileName(preset, issue);
  const included = items.filter((i) => i.status !== 'excluded').length;

  function download() {
    downloadText(fileName, draft.markdown);
    setStatus(`Saved ${fileName} to your downloads.`);
  }

  async function copy() {
    try {
      await copyText(draft.markdown);
      setStatus('Copied the draft to the clipboard.');
    } catch (error) {
      setStatus(`Could not copy: ${messageOf(error)}`);
    }
  }

  return (
    <section class="draft-panel" aria-labelledby="draft-heading">
      <div class="row">
        <h2 id="draft-heading" class="grow">Draft issue</h2>
        <span class="small muted" data-testid="count">
          {included} item{included === 1 ? '' : 's'}
          {items.length > included ? ` (${items.length - included} excluded)` : ''}
        </span>
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={download} disabled={Boolean(draft.error)}>
          Download .md
        </button>
        <button type="button" onClick={() => void copy()} disabled={Boolean(draft.error)}>
          Copy to clipboard
        </button>
      </div>
      {status && <p class="small muted" role="status">{status}</p>}
      {draft.error && <p class="notice error" role="alert">{draft.error}</p>}
      {draft.problems.length > 0 && (
        <div class="notice error" role="alert" data-testid="draft-problems">
          <p>
            {draft.problems.length === 1 ? 'One item' : `${draft.problems.length} items`} could not be included as written; the draft
            has a TODO line in {draft.problems.length === 1 ? 'its' : 'their'} place:
          </p>
          <ul>
            {draft.problems.map((p) => (
              <li key={p.itemId}>“{p.title}”: {p.reason}</li>
            ))}
          </ul>
        </div>
      )}
      {draft.notices.length > 0 && (
        <details class="small" data-testid="draft-notices">
          <summary>
            {draft.notices.length} change{draft.notices.length === 1 ? '' : 's'} made for safety
          </summary>
          <ul>
            {draft.notices.map((n, i) => (
              <li key={i}>
                {n.itemId ? `“${n.title}”` : `Newsletter text (${n.title})`}: {n.notice}
              </li>
            ))}
          </ul>
        </details>
      )}
      <textarea data-testid="draft" aria-label="Draft issue Markdown" readOnly value={draft.markdown} />
    </section>
  );
}
