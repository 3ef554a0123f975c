import { useEffect, useState } from 'preact/hooks';
import { backupFileName, backupParts, parseBackup, reportOf, type ImportReport, type ParsedBackup } from '../../utils/backup';
import type { QuarantineRecord } from '../../utils/storage/schema';
import { issueMetaLabel } from '../../utils/model/issue-meta';
import type { PageStorage } from '../../utils/storage/page-storage';
import { downloadParts, downloadText, readPicked } from '../files';
import { FileButton } from '../FileButton';

/**
 * Backups on the options page: download the whole collection as JSON; import a file after a
 * preview of what it will add, update or skip, with every conflict, every record that cannot
 * be imported, and every newsletter definition that differs from the user's own (replaced only
 * when the user ticks it). The page reads and writes IndexedDB itself, so a collection of any
 * size goes through (no runtime message carries it).
 */
export function BackupPanel({ storage, onChanged }: { storage: PageStorage; onChanged?: () => void }) {
  const [pending, setPending] = useState<{ file: ParsedBackup; report: ImportReport } | null>(null);
  const [accept, setAccept] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const report = (error: unknown) => setStatus({ text: error instanceof Error ? error.message : String(error), error: true });

  async function exportAll() {
    setBusy(true);
    try {
      const backup = await storage.exportBackup({ kind: 'all' });
      const fileName = backupFileName(backup);
      downloadParts(fileName, backupParts(backup), 'application/json');
      const carried = backup.damaged.length ? ` It also carries ${backup.damaged.length} record(s) kept aside, so nothing is lost.` : '';
      setStatus({ text: `Saved ${fileName} (${backup.items.length} items) to your downloads.${carried}` });
      onChanged?.();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  async function pick(input: HTMLInputElement) {
    setPending(null);
    setStatus(null);
    setBusy(true);
    try {
      const picked = await readPicked(input);
      if (!picked) return;
      const file = parseBackup(picked.text, picked.name);
      setAccept(new Set());
      setPending({ file, report: reportOf(await storage.items.previewImport([file])) });
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  async function confirmImport() {
    if (!pending) return;
    setBusy(true);
    try {
      const done = reportOf(await storage.items.importFiles([pending.file], { acceptNewsletters: [...accept] }));
      setPending(null);
      const aside = done.summary.heldBack + done.summary.rejected;
      setStatus({ text: `Imported. ${done.lines[0] ?? ''}${aside ? ` ${aside} record(s) kept aside (see “Records kept aside”).` : ''}` });
      onChanged?.();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  const details = pending?.report.lines.slice(1).filter((l) => !l.startsWith('Conflict:') && !l.startsWith('Newsletter “')) ?? [];
  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backups</h2>
      <div class="actions">
        <button type="button" onClick={() => void exportAll()} disabled={busy}>
          Download a backup
        </button>
        <FileButton accept="application/json,.json" testId="backup-file" disabled={busy} onPick={(input) => void pick(input)}>
          Import a backup…
        </FileButton>
      </div>
      {pending && (
        <div class="notice" aria-label="Import preview">
          <p>{pending.report.lines[0]}</p>
          {details.length > 0 && (
            <ul data-testid="import-details">
              {details.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
          {pending.report.differingNewsletters.length > 0 && (
            <fieldset>
              <legend>Newsletter definitions in the file that differ from yours</legend>
              {pending.report.differingNewsletters.map((d) => (
                <label key={d.id} class="inline">
                  <input
                    type="checkbox"
                    checked={accept.has(d.id)}
                    onChange={(e) => {
                      const next = new Set(accept);
                      if (e.currentTarget.checked) next.add(d.id);
                      else next.delete(d.id);
                      setAccept(next);
                    }}
                  />{' '}
                  Replace my “{d.name}” ({d.id}) with the file’s “{d.incomingName}”: {d.changes.join('; ')}
                </label>
              ))}
              <p class="small muted">Unticked definitions stay as they are.</p>
            </fieldset>
          )}
          {pending.report.conflicts.length > 0 && (
            <details open>
              <summary>{pending.report.conflicts.length} conflict(s): the later edit is kept, the other one stays in the item’s history</summary>
              <ul>
                {pending.report.conflicts.map((c) => (
                  <li key={`${c.id}-${c.lostUpdatedAt}`}>
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
            <button type="button" class="primary" onClick={() => void confirmImport()} disabled={busy}>
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
      <QuarantinePanel storage={storage} version={status?.text ?? ''} onChanged={onChanged} />
    </section>
  );
}

/** Records kept aside by imports (clocks far ahead, unreadable records): never silently dropped. */
function QuarantinePanel({ storage, version, onChanged }: { storage: PageStorage; version: string; onChanged?: () => void }) {
  const [rows, setRows] = useState<QuarantineRecord[]>([]);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const refresh = () => storage.items.listQuarantine().then(setRows, (e: unknown) => setMessage({ text: String(e), error: true }));
  useEffect(() => void refresh(), [version]);
  if (rows.length === 0) return null;

  async function act(fn: () => Promise<unknown>, done: string) {
    try {
      await fn();
      setMessage({ text: done });
      onChanged?.();
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    }
    await refresh();
  }

  const title = (record: unknown) => {
    const { title: t, key, issue } = (record ?? {}) as { title?: unknown; key?: unknown; issue?: unknown };
    if (typeof t === 'string' && t) return t;
    // An issue's details (teaser, extra contributors, occasional blocks) have no title.
    if (typeof key === 'string' && typeof issue === 'string') return issueMetaLabel(record);
    return 'Untitled record';
  };

  return (
    <div data-testid="quarantine">
      <h3>Records kept aside ({rows.length})</h3>
      <p class="small muted">These were not imported. Nothing here is deleted unless you discard it.</p>
      <div class="actions">
        <button type="button" onClick={() => downloadText('newsdesk-kept-aside.json', `${JSON.stringify(rows, null, 2)}\n`, 'application/json')}>
          Download them
        </button>
      </div>
      <ul>
        {rows.map((row) => (
          <li key={row.key}>
            <strong>{title(row.record)}</strong> — {row.reasons.join(' ')} <span class="small muted">(from {row.source})</span>
            <div class="actions">
              {row.kind === 'held-back' && (
                <>
                  <button type="button" onClick={() => void act(() => storage.items.retryQuarantined(row.key!, false), 'Imported.')}>
                    Try again
                  </button>
                  <button type="button" onClick={() => void act(() => storage.items.retryQuarantined(row.key!, true), 'Imported with this computer’s time.')}>
                    Import with this computer’s time
                  </button>
                </>
              )}
              <button type="button" class="danger" onClick={() => confirm('Discard this record for good?') && void act(() => storage.items.discardQuarantined(row.key!), 'Discarded.')}>
                Discard
              </button>
            </div>
          </li>
        ))}
      </ul>
      {message && <p role={message.error ? 'alert' : 'status'} class={message.error ? 'notice error' : 'muted'}>{message.text}</p>}
    </div>
  );
}
