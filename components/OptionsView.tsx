import { useEffect, useState } from 'preact/hooks';
import { call } from '../utils/messages/client';
import type { Settings } from '../utils/storage/settings';
import { BackupPanel } from './newsletter-editor/BackupPanel';
import { NewslettersPanel } from './newsletter-editor/NewslettersPanel';

/** The contributor's name, credited on every item they clip. */
export function OptionsView() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    call('settings.get', null).then(setSettings, (e: unknown) => setStatus(String(e instanceof Error ? e.message : e)));
  }, []);

  if (!settings) return <p class="muted">{status ?? 'Loading…'}</p>;

  async function save(event: Event) {
    event.preventDefault();
    if (!settings) return;
    try {
      setSettings(await call('settings.set', { contributor: settings.contributor }));
      setStatus('Saved.');
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  }

  async function chooseNewsletter(id: string) {
    setSettings(await call('settings.set', { newsletter: id }));
  }

  return (
    <>
    <form onSubmit={save}>
      <h1>Newsdesk settings</h1>
      <p class="small">
        <a href="/desk.html">Open the Desk</a> to review the collected items and export an issue.
      </p>
      <label for="contributor">Your name (credited as contributor)</label>
      <input
        id="contributor"
        value={settings.contributor}
        onInput={(e) => setSettings({ ...settings, contributor: e.currentTarget.value })}
      />
      <div class="actions">
        <button type="submit" class="primary">Save</button>
        {status && <span role="status" class="muted">{status}</span>}
      </div>
    </form>
    <NewslettersPanel active={settings.newsletter} onActiveChange={chooseNewsletter} />
    <BackupPanel />
    </>
  );
}
