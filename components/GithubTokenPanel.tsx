import { useEffect, useState } from 'preact/hooks';
import type { KeyValueArea } from '../utils/xeps/forge-cache';
import { readGithubToken, saveGithubToken } from '../utils/xeps/github-token';

/**
 * The optional GitHub token for "Draft XEP updates" in the Desk, in the options page. Kept in
 * the extension's local storage like the newsroom's password (utils/xeps/github-token.ts); the
 * page says whether one is set and never shows it again.
 */
export function GithubTokenPanel({ area }: { area: KeyValueArea }) {
  const [isSet, setIsSet] = useState<boolean | null>(null);
  const [text, setText] = useState('');
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);

  useEffect(() => {
    readGithubToken(area).then(
      (token) => setIsSet(token !== null),
      (error: unknown) => setNote({ text: `The token setting cannot be read: ${error instanceof Error ? error.message : String(error)}`, error: true }),
    );
  }, [area]);

  async function store(value: string) {
    try {
      const stored = await saveGithubToken(area, value);
      setIsSet(stored !== null);
      setText('');
      setNote({ text: stored ? 'Saved. Draft XEP updates uses it from now on.' : 'Removed: Draft XEP updates asks GitHub without a token (60 requests an hour).' });
    } catch (error) {
      setNote({ text: error instanceof Error ? error.message : String(error), error: true });
    }
  }

  return (
    <section aria-labelledby="github-heading" data-testid="github-token">
      <h2 id="github-heading">GitHub</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void store(text);
        }}
      >
        <p class="small muted">
          <strong>Draft XEP updates</strong> in the Desk reads the XSF’s xsf/xeps repository through GitHub’s public API. A token needs no scopes (a
          fine-grained token with read-only access to public repositories is enough). It stays in this browser’s extension storage: never in backups, never
          synced, sent only to api.github.com.
        </p>
        <label for="github-token">GitHub token (optional, raises the hourly limit from 60 to 5,000 requests)</label>
        <input
          id="github-token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder={isSet ? 'A token is set; paste another to replace it' : 'github_pat_…'}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <p class="small muted" data-testid="github-token-state">
          {isSet === null ? 'Loading…' : isSet ? 'A token is set.' : 'No token: 60 requests an hour.'}
        </p>
        {note && (
          <p class={`notice small ${note.error ? 'error' : 'ok'}`} role={note.error ? 'alert' : 'status'}>
            {note.text}
          </p>
        )}
        <div class="actions">
          <button type="submit" disabled={!text.trim()}>
            Save token
          </button>
          {isSet && (
            <button type="button" onClick={() => void store('')}>
              Remove token
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
