import { useEffect, useState } from 'preact/hooks';
import { issueForDate } from '../utils/model/issue';
import { call } from '../utils/messages/client';
import type { DraftExport } from '../utils/messages/protocol';
import { issueName } from './format';

/** Pick a month, preview its draft issue, download it as .md or copy it. */
export function ExportView({ newsletter, initialIssue }: { newsletter: string; initialIssue: string | null }) {
  const [issues, setIssues] = useState<Array<{ issue: string; count: number }>>([]);
  const [issue, setIssue] = useState(initialIssue ?? issueForDate(new Date()));
  const [draft, setDraft] = useState<DraftExport | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    call('issues.list', { newsletter }).then(
      (list) => {
        setIssues(list);
        if (!initialIssue && list[0]) setIssue(list[0].issue);
      },
      (error: unknown) => setStatus(String(error instanceof Error ? error.message : error)),
    );
  }, [newsletter]);

  useEffect(() => {
    setDraft(null);
    call('export.draft', { newsletter, issue }).then(setDraft, (error: unknown) =>
      setStatus(String(error instanceof Error ? error.message : error)),
    );
  }, [newsletter, issue]);

  function download() {
    if (!draft) return;
    const url = URL.createObjectURL(new Blob([draft.markdown], { type: 'text/markdown;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: draft.fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus(`Saved ${draft.fileName} to your downloads.`);
  }

  async function copy() {
    if (!draft) return;
    try {
      await navigator.clipboard.writeText(draft.markdown);
      setStatus('Copied the draft to the clipboard.');
    } catch (error) {
      setStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const known = issues.some((i) => i.issue === issue) ? issues : [{ issue, count: 0 }, ...issues];
  return (
    <main class="export">
      <header class="row">
        <h1 class="grow">Export a draft issue</h1>
        <label for="issue-select" class="muted">Issue</label>
        <select id="issue-select" value={issue} onChange={(e) => setIssue(e.currentTarget.value)} style={{ width: 'auto' }}>
          {known.map((i) => (
            <option key={i.issue} value={i.issue}>
              {issueName(i.issue)} ({i.count})
            </option>
          ))}
        </select>
      </header>
      <div class="actions">
        <button type="button" class="primary" onClick={download} disabled={!draft}>
          Download .md
        </button>
        <button type="button" onClick={copy} disabled={!draft}>
          Copy to clipboard
        </button>
        {draft && <span class="muted small" data-testid="count">{draft.count} items</span>}
      </div>
      {status && <p class="small muted" role="status">{status}</p>}
      <textarea data-testid="draft" readOnly rows={40} value={draft?.markdown ?? 'Preparing the draft…'} />
    </main>
  );
}
