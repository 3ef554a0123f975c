import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { call } from '../utils/messages/client';
import type { NewsroomMember, NewsroomReport } from '../utils/messages/protocol';
import { defaultPubsubService } from '../utils/sync/newsroom';
import { discoverWebSocket } from '../utils/sync/xmpp/discovery';
import { parseJid } from '../utils/sync/xmpp/jid';

/**
 * The shared newsroom in the options page: join (address, password, the server's WebSocket
 * address — found from the domain's host-meta when the user asks — PubSub service and node),
 * see its status, leave. Editors create the newsroom and add or remove contributors here too:
 * it is done once per member, next to the same address and node, not during daily editing in
 * the Desk. The connection itself lives in the background; this page only asks it.
 */

const POLL_MS = 2_000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function NewsroomPanel() {
  const [report, setReport] = useState<NewsroomReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const refresh = () =>
      call('newsroom.status', null).then(
        (r) => !stopped && setReport(r),
        (e: unknown) => !stopped && setProblem(message(e)),
      );
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  return (
    <section aria-labelledby="newsroom-heading" data-testid="newsroom">
      <h2 id="newsroom-heading">Shared newsroom</h2>
      {problem && <p class="notice error" role="alert">{problem}</p>}
      {report === null ? (
        <p class="muted">Loading…</p>
      ) : report.joined ? (
        <Joined report={report} onChange={setReport} />
      ) : (
        <JoinForm onJoined={setReport} />
      )}
    </section>
  );
}

function JoinForm({ onJoined }: { onJoined: (report: NewsroomReport) => void }) {
  const [jid, setJid] = useState('');
  const [password, setPassword] = useState('');
  const [service, setService] = useState('');
  const [pubsub, setPubsub] = useState('');
  const [node, setNode] = useState('');
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const domain = (() => {
    try {
      return parseJid(jid.trim()).domain;
    } catch {
      return '';
    }
  })();

  async function discover() {
    if (!domain) {
      setNote({ text: 'Enter your XMPP address first (name@example.org): the address is looked up for its domain.', error: true });
      return;
    }
    setBusy(true);
    setNote(null);
    try {
      // Reading https://DOMAIN/.well-known/host-meta needs that one host; asked now, for this domain only.
      let granted = false;
      try {
        granted = await browser.permissions.request({ origins: [`https://${domain}/*`] });
      } catch {
        granted = false;
      }
      const found = await discoverWebSocket(domain, { fetch: (url, init) => fetch(url, init) });
      if (found.found) {
        setService(found.url);
        setNote({ text: `Found ${found.url} (from ${found.source}).` });
      } else {
        setNote({ text: `${found.reason}${granted ? '' : ' (Newsdesk was not allowed to read that domain’s address file; it tried anyway.)'}`, error: true });
      }
    } finally {
      setBusy(false);
    }
  }

  async function join(event: Event) {
    event.preventDefault();
    setBusy(true);
    setNote(null);
    try {
      onJoined(await call('newsroom.join', { service, jid, pubsub, node, password }));
    } catch (error) {
      setNote({ text: message(error), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={join}>
      <p class="small muted">
        Share clips with your team: everyone’s Newsdesk sees every clip, edit, move and deletion of the newsroom as it happens. Your whole collection is
        shared with the newsroom’s members. The password stays in this browser’s extension storage: never in backups, never synced, never sent anywhere but
        to your XMPP server.
      </p>
      <label for="newsroom-jid">Your XMPP address</label>
      <input id="newsroom-jid" autocomplete="username" placeholder="name@example.org" value={jid} onInput={(e) => setJid(e.currentTarget.value)} />
      <label for="newsroom-password">Password (or an app token from your provider)</label>
      <input id="newsroom-password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      <label for="newsroom-service">Server’s WebSocket address</label>
      <div class="row">
        <input id="newsroom-service" class="grow" placeholder="wss://example.org/xmpp-websocket" value={service} onInput={(e) => setService(e.currentTarget.value)} />
        <button type="button" class="auto" disabled={busy} onClick={() => void discover()}>
          Find it
        </button>
      </div>
      <label for="newsroom-pubsub">PubSub service</label>
      <input id="newsroom-pubsub" placeholder={domain ? defaultPubsubService(`x@${domain}`) : 'pubsub.example.org'} value={pubsub} onInput={(e) => setPubsub(e.currentTarget.value)} />
      <label for="newsroom-node">Newsroom (node)</label>
      <input id="newsroom-node" placeholder="xmpp-newsletter" value={node} onInput={(e) => setNode(e.currentTarget.value)} />
      {note && (
        <p class={`notice ${note.error ? 'error' : 'ok'}`} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Join the newsroom
        </button>
      </div>
    </form>
  );
}

function Joined({ report, onChange }: { report: NewsroomReport; onChange: (report: NewsroomReport) => void }) {
  const [error, setError] = useState<string | null>(null);
  const { status, config } = report;
  const act = (doing: Promise<NewsroomReport>) => doing.then(onChange, (e: unknown) => setError(message(e)));
  return (
    <>
      <p class="small muted">
        {config ? `${config.jid} in “${config.node}” on ${config.pubsub}, through ${config.service}.` : ''}
      </p>
      <p role="status" data-testid="newsroom-status" data-state={status.state} class={`notice ${status.state === 'refused' ? 'error' : status.state === 'connected' ? 'ok' : 'warn'}`}>
        {report.line}
      </p>
      {report.problems && (
        <div class="notice warn small" data-testid="newsroom-problems">
          <p>{report.problems}</p>
          <ul>
            {status.problems.slice(0, 10).map((p) => (
              <li key={p.id}>
                “{p.title}”: {p.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      {status.notices.length > 0 && (
        <details class="small">
          <summary>Recent newsroom events ({status.notices.length})</summary>
          <ul data-testid="newsroom-notices">
            {status.notices
              .slice(-8)
              .reverse()
              .map((n) => (
                <li key={`${n.at}${n.text}`}>
                  {new Date(n.at).toLocaleTimeString()}: {n.text}
                </li>
              ))}
          </ul>
        </details>
      )}
      {error && <p class="notice error" role="alert">{error}</p>}
      <div class="actions">
        {(status.state === 'offline' || status.state === 'refused') && (
          <button type="button" onClick={() => void act(call('newsroom.retry', null))}>
            Reconnect now
          </button>
        )}
        <button type="button" onClick={() => void act(call('newsroom.leave', null))}>
          Leave the newsroom
        </button>
      </div>
      <EditorTools />
    </>
  );
}

/** The editor's tasks; the server refuses them to anyone but the node's owner (and its admins, to create it). */
function EditorTools() {
  const [members, setMembers] = useState<NewsroomMember[] | null>(null);
  const [jid, setJid] = useState('');
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(task: () => Promise<void>) {
    setBusy(true);
    setNote(null);
    try {
      await task();
    } catch (error) {
      setNote({ text: message(error), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="editor-tools" data-testid="newsroom-editor">
      <summary>Manage the newsroom (editors)</summary>
      <p class="small muted">
        The editor creates the newsroom once (only the members it lists can read or write it) and adds each contributor by their XMPP address.
      </p>
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void run(async () => setNote({ text: (await call('newsroom.create', null)).message }))}>
          Create the newsroom
        </button>
        <button type="button" disabled={busy} onClick={() => void run(async () => setMembers(await call('newsroom.members', null)))}>
          Show members
        </button>
      </div>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            setMembers(await call('newsroom.setMember', { jid, member: true }));
            setNote({ text: `${jid.trim()} can now read and write the newsroom.` });
            setJid('');
          });
        }}
      >
        <input aria-label="Contributor’s XMPP address" class="grow" placeholder="contributor@example.org" value={jid} onInput={(e) => setJid(e.currentTarget.value)} />
        <button type="submit" class="auto" disabled={busy || !jid.trim()}>
          Add contributor
        </button>
      </form>
      {note && (
        <p class={`notice small ${note.error ? 'error' : 'ok'}`} role={note.error ? 'alert' : 'status'} data-testid="newsroom-editor-note">
          {note.text}
        </p>
      )}
      {members && (
        <ul data-testid="newsroom-members">
          {members.map((m) => (
            <li key={m.jid}>
              {m.jid} ({m.affiliation === 'owner' ? 'editor' : m.affiliation === 'publisher' ? 'contributor' : m.affiliation}){' '}
              {m.affiliation !== 'owner' && (
                <button
                  type="button"
                  class="linkish small"
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      setMembers(await call('newsroom.setMember', { jid: m.jid, member: false }));
                      setNote({ text: `${m.jid} is no longer a member.` });
                    })
                  }
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
