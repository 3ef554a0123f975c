import { useMemo, useState } from 'preact/hooks';
import { draftFileName, renderDraft } from '../../utils/export/draft';
import type { NewsItem } from '../../utils/model/item';
import type { NewsletterPreset } from '../../utils/presets/types';
import { copyText, downloadText } from '../files';
import { messageOf } from './hooks';

/** The whole draft issue as it will be exported, updated with every change, and its export. */
export function DraftPanel({ preset, issue, items }: { preset: NewsletterPreset; issue: string; items: readonly NewsItem[] }) {
  const [status, setStatus] = useState<string | null>(null);
  const draft = useMemo(() => {
    try {
      return { markdown: renderDraft({ preset, issue, items }), error: null };
    } catch (error) {
      return { markdown: '', error: messageOf(error) };
    }
  }, [preset, issue, items]);
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
      <textarea data-testid="draft" aria-label="Draft issue Markdown" readOnly value={draft.markdown} />
    </section>
  );
}
