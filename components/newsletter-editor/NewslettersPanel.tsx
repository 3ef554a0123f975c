import { useEffect, useState } from 'preact/hooks';
import type { NewsletterSummary } from '../../utils/presets';
import { describeDifferences } from '../../utils/merge/newsletters';
import { newsletterFromJson, newsletterToJson } from '../../utils/presets/schema';
import type { PageStorage } from '../../utils/storage/page-storage';
import type { NewsletterPreset } from '../../utils/presets/types';
import { downloadText, readPickedFile } from '../files';
import { copyOf } from './model';
import { NewsletterEditor } from './NewsletterEditor';
import { FileButton } from '../FileButton';

type Editing = { preset: NewsletterPreset; isNew: boolean } | null;

/**
 * The options page's newsletters: which one new clips go to, the user's own definitions
 * (new from a preset, edit, export/import as JSON, delete), and the editor.
 */
export function NewslettersPanel({ storage, active, onActiveChange }: { storage: PageStorage; active: string; onActiveChange: (id: string) => Promise<void> }) {
  const [list, setList] = useState<NewsletterSummary[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [base, setBase] = useState('generic');

  const refresh = () => storage.newsletters().then(setList, report);
  useEffect(() => void refresh(), []);

  function report(error: unknown) {
    setStatus({ text: error instanceof Error ? error.message : String(error), error: true });
  }

  async function startNew() {
    try {
      const preset = await storage.newsletter(base);
      const name = `My ${preset.name}`;
      setEditing({ preset: copyOf(preset, name, list.map((n) => n.id)), isNew: true });
    } catch (error) {
      report(error);
    }
  }

  async function edit(id: string) {
    try {
      setEditing({ preset: await storage.newsletter(id), isNew: false });
    } catch (error) {
      report(error);
    }
  }

  async function save(preset: NewsletterPreset) {
    if (editing?.isNew && list.some((n) => n.id === preset.id)) {
      throw new Error(`A newsletter with the id "${preset.id}" exists already; choose another id.`);
    }
    const saved = await storage.saveNewsletter(preset);
    setEditing(null);
    setStatus({ text: `Saved ${saved.name}.` });
    await refresh();
  }

  async function exportJson(id: string) {
    try {
      const preset = await storage.newsletter(id);
      downloadText(`newsletter-${preset.id}.json`, newsletterToJson(preset), 'application/json');
    } catch (error) {
      report(error);
    }
  }

  async function importJson(input: HTMLInputElement) {
    try {
      const text = await readPickedFile(input);
      if (text === null) return;
      const preset = newsletterFromJson(text);
      const exists = list.find((n) => n.id === preset.id);
      if (exists?.builtIn) throw new Error(`"${preset.id}" is a built-in newsletter; rename the id in the file to import it as your own.`);
      if (exists) {
        // Never replace the user's own definition without showing what changes and asking.
        const changes = describeDifferences(await storage.newsletter(exists.id), preset);
        if (changes.length === 0) {
          setStatus({ text: `“${exists.name}” is already the same as in this file; nothing changed.` });
          return;
        }
        if (!confirm(`Replace your newsletter "${exists.name}" with the one in this file?\n\nWhat changes:\n- ${changes.join('\n- ')}`)) return;
      }
      const saved = await storage.saveNewsletter(preset);
      setStatus({ text: `Imported ${saved.name}.` });
      await refresh();
    } catch (error) {
      report(error);
    }
  }

  async function remove(summary: NewsletterSummary) {
    if (!confirm(`Delete the newsletter "${summary.name}"? Its definition is gone unless you exported it.`)) return;
    try {
      await storage.deleteNewsletter(summary.id);
      setStatus({ text: `Deleted ${summary.name}.` });
      await refresh();
    } catch (error) {
      report(error);
    }
  }

  if (editing) {
    return <NewsletterEditor initial={editing.preset} isNew={editing.isNew} onSave={save} onCancel={() => setEditing(null)} />;
  }

  return (
    <section aria-labelledby="newsletters-heading">
      <h2 id="newsletters-heading">Newsletters</h2>
      <label for="active-newsletter">New clips go to</label>
      <select
        id="active-newsletter"
        value={active}
        onChange={(e) => {
          onActiveChange(e.currentTarget.value).then(() => setStatus({ text: 'Saved.' }), report);
        }}
      >
        {list.map((n) => (
          <option key={n.id} value={n.id}>
            {n.name} ({n.cadence})
          </option>
        ))}
      </select>
      <ul class="nl-list">
        {list
          .filter((n) => !n.builtIn)
          .map((n) => (
            <li key={n.id}>
              <strong>{n.name}</strong> <span class="muted small">{n.id}, {n.cadence}</span>{' '}
              <button type="button" onClick={() => void edit(n.id)}>
                Edit
              </button>{' '}
              <button type="button" onClick={() => void exportJson(n.id)}>
                Export JSON
              </button>{' '}
              <button type="button" onClick={() => void remove(n)}>
                Delete
              </button>
            </li>
          ))}
      </ul>
      <div class="row">
        <div>
          <label for="new-base">Start a newsletter from</label>
          <select id="new-base" value={base} onChange={(e) => setBase(e.currentTarget.value)}>
            {list.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="button" onClick={() => void startNew()}>
            New newsletter…
          </button>
          <FileButton accept="application/json,.json" testId="newsletter-file" onPick={(input) => void importJson(input)}>
            Import JSON…
          </FileButton>
        </div>
      </div>
      <p class="small muted">
        Built-in: the XMPP Newsletter (2023 and 2024 section names), a weekly “This Week in …” digest and a plain monthly newsletter. Copy one to make it
        yours; export a definition to share it with your co-editors.
      </p>
      {status && (
        <p role={status.error ? 'alert' : 'status'} class={status.error ? 'notice error' : 'muted'} style="white-space: pre-line">
          {status.text}
        </p>
      )}
    </section>
  );
}
