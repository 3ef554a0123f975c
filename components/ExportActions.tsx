import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { call } from '../utils/messages/client';
import { issueName } from './format';

/** Copy a month's draft, or open the export page for it. */
export function ExportActions({ newsletter, issue }: { newsletter: string; issue: string }) {
  const [status, setStatus] = useState<string | null>(null);

  async function copy() {
    try {
      const draft = await call('export.draft', { newsletter, issue });
      await navigator.clipboard.writeText(draft.markdown);
      setStatus(`Copied the ${issueName(issue)} draft (${draft.count} item${draft.count === 1 ? '' : 's'}).`);
    } catch (error) {
      setStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function open() {
    await browser.tabs.create({ url: browser.runtime.getURL(`/export.html?newsletter=${newsletter}&issue=${issue}`) });
    window.close();
  }

  return (
    <div>
      <div class="actions">
        <button type="button" onClick={copy}>Copy {issueName(issue)} draft</button>
        <button type="button" onClick={open}>Export…</button>
      </div>
      {status && <p class="small muted" role="status">{status}</p>}
    </div>
  );
}
