import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { call } from '../utils/messages/client';
import { copyText } from './files';
import { issueName } from './format';

/** The Desk (review, edit, export), opened in a new tab at `issue` when given. */
export async function openDesk(newsletter?: string, issue?: string): Promise<void> {
  const params = new URLSearchParams();
  if (newsletter) params.set('newsletter', newsletter);
  if (issue) params.set('issue', issue);
  const query = params.size ? `?${params}` : '';
  await browser.tabs.create({ url: browser.runtime.getURL(`/desk.html${query}`) });
  window.close();
}

/** Copy a month's draft, or open it in the Desk. */
export function ExportActions({ newsletter, issue }: { newsletter: string; issue: string }) {
  const [status, setStatus] = useState<string | null>(null);

  async function copy() {
    try {
      const draft = await call('export.draft', { newsletter, issue });
      await copyText(draft.markdown);
      const missing = draft.problems.length;
      const todo = missing ? ` ${missing} could not be included as written: see the TODO line${missing === 1 ? '' : 's'}, or open the Desk.` : '';
      setStatus(`Copied the ${issueName(issue)} draft (${draft.count} item${draft.count === 1 ? '' : 's'}).${todo}`);
    } catch (error) {
      setStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <div>
      <div class="actions">
        <button type="button" onClick={copy}>Copy {issueName(issue)} draft</button>
        <button type="button" onClick={() => void openDesk(newsletter, issue)}>Open in Desk…</button>
      </div>
      {status && <p class="small muted" role="status">{status}</p>}
    </div>
  );
}
