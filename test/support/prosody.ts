import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throw-away Prosody (Debian's `prosody` 0.12) on 127.0.0.1 for tests: its own config, data
 * folder and free ports in a temporary folder, plain ws:// allowed on loopback only, a pubsub
 * component `pubsub.<host>` on SQLite storage with the limits a newsroom needs. Nothing outside
 * the temporary folder is read or written; `stop()` kills the server and removes the folder.
 *
 * Who may create nodes: only the component's `admins` (Prosody's rule). In these tests that is
 * the user named `editor`; a real deployment lists its newsroom editors the same way
 * (docs/newsroom-server.md).
 */

export interface ProsodyOptions {
  /** Users to register: name → password. Always includes `editor` (the pubsub admin). */
  users?: Record<string, string>;
  /** Domain of the virtual host (no DNS involved: clients connect to 127.0.0.1). */
  host?: string;
  /** Prosody's `c2s_stanza_size_limit`; its default is 256 KiB. */
  stanzaSizeLimit?: number;
  /** The pubsub component's `pubsub_max_items` (what a node's `max` means). */
  maxItems?: number;
}

export interface Prosody {
  host: string;
  /** `pubsub.<host>`, the PubSub service JID. */
  pubsub: string;
  /** ws://127.0.0.1:PORT/xmpp-websocket */
  websocketUrl: string;
  httpPort: number;
  pid: number;
  users: Record<string, string>;
  /** `name@host` */
  jid(user: string): string;
  /** Register one more user (prosodyctl works while the server runs). */
  register(user: string, password: string): Promise<void>;
  /** Pause / resume the server process (SIGSTOP / SIGCONT): a server that stops answering. */
  pause(): void;
  resume(): void;
  /** The server's log so far (warnings and errors), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

const STEP_TIMEOUT_MS = 20_000;

function commandExists(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * Memory-backed /dev/shm where there is one: SQLite syncs to disk on every publish, which on
 * a plain disk makes each publish ~15 ms (the server's disk is not what these tests measure).
 */
function scratchBase(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

function luaString(value: string): string {
  return JSON.stringify(value); // a JSON string literal is a valid Lua string literal for these values
}

function configText(dir: string, host: string, httpPort: number, c2sPort: number, options: Required<Pick<ProsodyOptions, 'stanzaSizeLimit' | 'maxItems'>>): string {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return `-- Written by test/support/prosody.ts for one test run.
${root ? 'run_as_root = true' : ''}
pidfile = ${luaString(path.join(dir, 'prosody.pid'))}
data_path = ${luaString(path.join(dir, 'data'))}
certificates = ${luaString(path.join(dir, 'certs'))}
log = { warn = ${luaString(path.join(dir, 'prosody.log'))} }
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { ${c2sPort} }
c2s_interfaces = { "127.0.0.1" }
s2s_ports = { }
component_ports = { }
http_ports = { ${httpPort} }
http_interfaces = { "127.0.0.1" }
https_ports = { }
modules_enabled = { "disco", "saslauth", "ping", "websocket", "http", "posix" }
modules_disabled = { "s2s", "offline", "tls" }
authentication = "internal_hashed"
storage = "internal"
sql = { driver = "SQLite3", database = "prosody.sqlite" }
-- Plain ws:// is acceptable here only because everything is on loopback.
consider_websocket_secure = true
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
c2s_stanza_size_limit = ${options.stanzaSizeLimit}
network_settings = { nagle = false }
storage_archive_item_limit = ${options.maxItems * 10}

VirtualHost ${luaString(host)}

Component ${luaString(`pubsub.${host}`)} "pubsub"
  admins = { ${luaString(`editor@${host}`)} }
  storage = "sql"
  pubsub_max_items = ${options.maxItems}
  expose_publisher = true
`;
}

function runProsodyctl(config: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('prosodyctl', ['--config', config, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`prosodyctl ${args[0]} took over ${STEP_TIMEOUT_MS / 1000} s:\n${output}`));
    }, STEP_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`prosodyctl ${args.join(' ')} failed (exit ${code}):\n${output}`));
    });
  });
}

async function waitForWebsocket(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`prosody exited (${child.exitCode ?? child.signalCode}) before it answered:\n${readLog(logFile)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.text();
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`prosody did not answer on ${url} within ${STEP_TIMEOUT_MS / 1000} s (${lastError}):\n${readLog(logFile)}`);
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-4_000) : '(no log)';
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Start a Prosody; call `stop()` in afterAll/finally. */
export async function startProsody(options: ProsodyOptions = {}): Promise<Prosody> {
  if (!commandExists('prosody') || !commandExists('prosodyctl')) {
    throw new Error(
      "Prosody is not installed. The newsroom tests run a real XMPP server: run 'sudo apt-get install prosody lua-dbi-sqlite3' (or 'npm test' as root, which installs them).",
    );
  }
  const host = options.host ?? 'newsdesk.test';
  const users: Record<string, string> = { editor: 'editor-secret', ...options.users };
  const dir = mkdtempSync(path.join(scratchBase(), 'newsdesk-prosody-'));
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid!, 'SIGCONT');
      } catch {
        // already gone
      }
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    mkdirSync(path.join(dir, 'data'), { mode: 0o700 });
    mkdirSync(path.join(dir, 'certs'));
    const httpPort = await freePort();
    const c2sPort = await freePort();
    const config = path.join(dir, 'prosody.cfg.lua');
    writeFileSync(
      config,
      configText(dir, host, httpPort, c2sPort, { stanzaSizeLimit: options.stanzaSizeLimit ?? 256 * 1024, maxItems: options.maxItems ?? 20_000 }),
    );
    // prosodyctl writes account files directly; it works with the server stopped.
    for (const [user, password] of Object.entries(users)) await runProsodyctl(config, ['register', user, host, password]);
    const logFile = path.join(dir, 'prosody.log');
    child = spawn('prosody', ['--config', config, '-F'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4_000)));
    const spawned = child;
    // If the test process ends without afterAll (a crash, a timeout), take the server along.
    const orphanGuard = () => {
      spawned.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', orphanGuard);
    spawned.once('exit', () => process.removeListener('exit', orphanGuard));
    await new Promise<void>((resolve, reject) => {
      spawned.once('spawn', resolve);
      spawned.once('error', reject);
    });
    const websocketUrl = `ws://127.0.0.1:${httpPort}/xmpp-websocket`;
    await waitForWebsocket(`http://127.0.0.1:${httpPort}/xmpp-websocket`, spawned, logFile).catch((error: Error) => {
      throw new Error(`${error.message}\n${stderr}`);
    });
    return {
      host,
      pubsub: `pubsub.${host}`,
      websocketUrl,
      httpPort,
      pid: spawned.pid!,
      users,
      jid: (user) => `${user}@${host}`,
      async register(user, password) {
        await runProsodyctl(config, ['register', user, host, password]);
        users[user] = password;
      },
      pause: () => process.kill(spawned.pid!, 'SIGSTOP'),
      resume: () => process.kill(spawned.pid!, 'SIGCONT'),
      log: () => readLog(logFile),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
