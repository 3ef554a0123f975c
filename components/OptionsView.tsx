import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PageStorage } from '../utils/storage/page-storage';
import { formatBytes, requestPersistence, type StorageStatus } from '../utils/storage/persistence';
import type { Settings } from '../utils/storage/settings';
import { BackupPanel } from './newsletter-editor/BackupPanel';
import { NewslettersPanel } from './newsletter-editor/NewslettersPanel';
import { GithubTokenPanel } from './GithubTokenPanel';
import { NewsroomPanel } from './NewsroomPanel';

/** The contributor's name, credited on every item they clip. */
export function OptionsView({ storage }: { storage: PageStorage }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    storage.settings().then(setSettings, (e: unknown) => setStatus(String(e instanceof Error ? e.message : e)));
  }, [storage]);

  if (!settings) return <p class="muted">{status ?? 'Loading…'}</p>;

  async function save(event: Event) {
    event.preventDefault();
    if (!settings) return;
    try {
      setSettings(await storage.setSettings({ contributor: settings.contributor }));
      setStatus('Saved.');
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  }

  async function chooseNewsletter(id: string) {
    setSettings(await storage.setSettings({ newsletter: id }));
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
    <NewsroomPanel />
    <GithubTokenPanel area={browser.storage.local} />
    <NewslettersPanel storage={storage} active={settings.newsletter} onActiveChange={chooseNewsletter} />
    <BackupPanel storage={storage} onChanged={() => setChanges((n) => n + 1)} />
    <StorageStatusPanel storage={storage} version={changes} />
    </>
  );
}

/** How much is stored, whether the browser keeps it when disk space runs low, the backup reminder. */
function StorageStatusPanel({ storage, version }: { storage: PageStorage; version: number }) {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function refresh() {
    try {
      setStatus(await storage.status());
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  useEffect(() => void refresh(), [version]);

  async function keep() {
    const granted = await requestPersistence();
    if (granted === false) setProblem('The browser did not agree to keep the storage; download backups regularly.');
    await refresh();
  }

  return (
    <section aria-labelledby="storage-heading" data-testid="storage-status">
      <h2 id="storage-heading">Storage</h2>
      {problem && <p class="notice error" role="alert">{problem}</p>}
      {status && (
        <>
          <p data-testid="storage-usage">
            {status.itemCount} {status.itemCount === 1 ? 'item' : 'items'} · {formatBytes(status.usageBytes)} stored
            {status.quotaBytes !== null ? ` of ${formatBytes(status.quotaBytes)} available` : ''}.
          </p>
          <p data-testid="storage-persisted">
            {status.persisted === true
              ? 'Persistent: the browser will not clear this data when disk space runs low.'
              : status.persisted === false
                ? 'Not persistent: the browser may clear this data when disk space runs low.'
                : 'The browser does not say whether it keeps this data.'}{' '}
            {status.persisted === false && (
              <button type="button" class="linkish" onClick={() => void keep()}>
                Keep it
              </button>
            )}
          </p>
          <p class="small muted" data-testid="last-backup">
            {status.lastBackupAt ? `Last full backup: ${new Date(status.lastBackupAt).toLocaleString()}.` : 'No full backup made in this browser yet.'}
          </p>
          {status.reminder && (
            <p class="notice warn" role="status" data-testid="backup-reminder">
              {status.reminder.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
