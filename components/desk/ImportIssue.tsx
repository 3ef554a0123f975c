import { useEffect, useMemo, useState } from 'preact/hooks';
import { readArchivedIssue } from '../../utils/archive/import';
import type { ArchiveImportReport } from '../../utils/archive/plan';
import { isIssueKey } from '../../utils/model/issue';
import type { NewsletterPreset } from '../../utils/presets/types';
import type { ItemStore } from '../../utils/storage/items';
import { readPicked } from '../files';
import { issueName } from '../format';
import { messageOf, useDebounced } from './hooks';
import { FileButton } from '../FileButton';

/**
 * "Import an issue or pad": paste the Markdown of a published issue (or the team's pad in the
 * same shape) or open a .md file, choose the issue (read from the file's front matter when it
 * says, else the one on the Desk), see what the import will do per section, then import it
 * (ItemStore.importArchive: what an editor changed is kept, deleted items stay deleted).
 */
export function ImportIssue({
  items,
  preset,
  currentIssue,
  onImported,
  onClose,
}: {
  items: ItemStore;
  preset: NewsletterPreset;
  currentIssue: string;
  onImported: (issue: string) => void;
  onClose: () => void;
}) {
  const [markdown, setMarkdown] = useState('');
  const [file, setFile] = useState('pasted.md');
  /** The issue the user chose; null: the one the file names (or the Desk's). */
  const [chosen, setChosen] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ report: ArchiveImportReport | null; error: string | null; busy: boolean }>({ report: null, error: null, busy: false });
  const [done, setDone] = useState<ArchiveImportReport | null>(null);

  const settled = useDebounced(markdown, 250);
  const named = useMemo(() => {
    try {
      return settled.trim() ? readArchivedIssue(settled, preset).issue : null;
    } catch {
      return null; // the file does not say: the Desk's issue, or the user's choice
    }
  }, [settled, preset]);
  const issue = chosen ?? named ?? currentIssue;

  useEffect(() => {
    if (!settled.trim()) {
      setPreview({ report: null, error: null, busy: false });
      return;
    }
    let cancelled = false;
    setPreview((p) => ({ ...p, busy: true }));
    items.previewArchive(settled, preset, { issue, file }).then(
      (report) => !cancelled && setPreview({ report, error: null, busy: false }),
      (error: unknown) => !cancelled && setPreview({ report: null, error: messageOf(error), busy: false }),
    );
    return () => {
      cancelled = true;
    };
  }, [settled, issue, file, items, preset]);

  async function pick(input: HTMLInputElement) {
    try {
      const picked = await readPicked(input);
      if (!picked) return;
      setFile(picked.name.slice(0, 300));
      setMarkdown(picked.text);
      setDone(null);
    } catch (error) {
      setPreview({ report: null, error: messageOf(error), busy: false });
    }
  }

  async function confirm() {
    setPreview((p) => ({ ...p, busy: true }));
    try {
      const report = await items.importArchive(markdown, preset, { issue, file });
      setDone(report);
      setMarkdown('');
      setChosen(null);
      setPreview({ report: null, error: null, busy: false });
      onImported(report.issue);
    } catch (error) {
      setPreview({ report: null, error: messageOf(error), busy: false });
    }
  }

  const report = preview.report;
  const entries = report?.sections.reduce((n, s) => n + s.entries, 0) ?? 0;
  return (
    <section class="import-issue notice" aria-labelledby="import-issue-heading" data-testid="import-issue">
      <div class="row">
        <h2 id="import-issue-heading" class="grow">Import an issue or pad</h2>
        <button type="button" class="linkish" onClick={onClose}>
          Close
        </button>
      </div>
      <p class="small muted">
        Paste the Markdown of a published issue or of the team’s pad (same headings as the newsletter), or open a .md file. Each entry becomes an item in its section of {preset.name}; importing
        again later updates what nobody edited.
      </p>
      <label class="label" for="import-markdown">
        Markdown of the issue or pad
      </label>
      <textarea
        id="import-markdown"
        rows={8}
        value={markdown}
        placeholder={'## XMPP Articles\n\n- [Title](https://…), by …'}
        onInput={(e) => {
          setMarkdown(e.currentTarget.value);
          setFile('pasted.md');
          setDone(null);
        }}
      />
      <div class="row fields">
        <FileButton accept=".md,.markdown,.txt,text/markdown,text/plain" testId="import-file" onPick={(input) => void pick(input)}>
          Open a .md file…
        </FileButton>
        <label class="inline">
          Issue
          <input
            type={preset.cadence === 'weekly' ? 'week' : 'month'}
            aria-label="Issue to import into"
            class="auto"
            value={issue}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isIssueKey(value, preset.cadence)) setChosen(value);
            }}
          />
        </label>
        <span class="small muted" data-testid="import-issue-source">
          {chosen ? 'as you chose' : named ? 'as the file says' : 'the file does not say: the issue on the Desk'}
        </span>
      </div>
      {preview.error && (
        <p class="notice error" role="alert">
          {preview.error}
        </p>
      )}
      {report && (
        <div aria-label="Import preview" data-testid="import-preview">
          <p>
            {entries} entr{entries === 1 ? 'y' : 'ies'} for {issueName(report.issue)}: {report.added} new, {report.updated} updated, {report.unchanged} unchanged
            {report.keptEdited.length + report.keptDeleted.length ? `, ${report.keptEdited.length + report.keptDeleted.length} kept as the editors left them` : ''}.
          </p>
          <table class="import-counts small">
            <thead>
              <tr>
                <th scope="col">Section</th>
                <th scope="col">Entries</th>
                <th scope="col">New</th>
              </tr>
            </thead>
            <tbody>
              {report.sections.map((s) => (
                <tr key={s.section} data-section={s.section}>
                  <td>{s.path}</td>
                  <td>{s.entries}</td>
                  <td>{s.added}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.lines.length > 1 && (
            <ul class="small" data-testid="import-lines">
              {report.lines.slice(1).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
          <div class="actions">
            <button type="button" class="primary" onClick={() => void confirm()} disabled={preview.busy}>
              Import {entries} entr{entries === 1 ? 'y' : 'ies'}
            </button>
          </div>
        </div>
      )}
      {done && (
        <p class="notice ok" role="status" data-testid="import-done">
          Imported into {issueName(done.issue)}. {done.lines[0]}
        </p>
      )}
    </section>
  );
}
