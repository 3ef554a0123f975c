import { useState } from 'preact/hooks';
import type { ImportReport } from '../../utils/backup/report';
import { call } from '../../utils/messages/client';
import { downloadText, readPickedFile } from '../files';

/**
 * Backups on the options page: download the whole collection as JSON; import a file after a
 * preview of what it will add, update or skip, with every conflict listed.
 */
export function BackupPanel() {
  const [pending, setPending] = useState<{ json: string; report: ImportReport } | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const report = (error: unknown) => setStatus({ text: error instanceof Error ? error.message : String(error), error: true });

  async function exportAll() {
    try {
      const { json, fileName } = await call('backup.export', { scope: { kind: 'all' } });
      downloadText(fileName, json, 'application/json');
      setStatus({ text: `Saved ${fileName} to your downloads.` });
    } catch (error) {
      report(error);
    }
  }

  async function pick(input: HTMLInputElement) {
    setPending(null);
    setStatus(null);
    try {
      const json = await readPickedFile(input);
      if (json !== null) setPending({ json, report: await call('backup.preview', { json }) });
    } catch (error) {
      report(error);
    }
  }

  async function confirmImport() {
    if (!pending) return;
    try {
      const done = await call('backup.import', { json: pending.json });
      setPending(null);
      setStatus({ text: `Imported. ${done.lines[0] ?? ''}` });
    } catch (error) {
      report(error);
    }
  }

  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backups</h2>
      <div class="actions">
        <button type="button" onClick={() => void exportAll()}>
          Download a backup
        </button>
        <label class="linkish">
          Import a backup…
          <input type="file" accept="application/json,.json" hidden onChange={(e) => void pick(e.currentTarget)} />
        </label>
      </div>
      {pending && (
        <div class="notice" aria-label="Import preview">
          <ul>
            {pending.report.lines.filter((l) => !l.startsWith('Conflict:')).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {pending.report.conflicts.length > 0 && (
            <details open>
              <summary>{pending.report.conflicts.length} conflict(s): the newer edit is kept</summary>
              <ul>
                {pending.report.conflicts.map((c) => (
                  <li key={c.canonicalUrl}>
                    <strong>{c.title}</strong> ({c.fields.join(', ')})
                    <br />
                    kept ({c.keptBy || 'unknown'}, {c.keptUpdatedAt}): <code>{c.keptEntry}</code>
                    <br />
                    not kept ({c.lostSide === 'local' ? 'here' : 'in the file'}, {c.lostBy || 'unknown'}, {c.lostUpdatedAt}): <code>{c.lostEntry}</code>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div class="actions">
            <button type="button" class="primary" onClick={() => void confirmImport()}>
              Import
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {status && (
        <p role={status.error ? 'alert' : 'status'} class={status.error ? 'notice error' : 'muted'} style="white-space: pre-line">
          {status.text}
        </p>
      )}
    </section>
  );
}
