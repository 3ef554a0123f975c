import WebSocket from 'ws';
import type { ParsedBackup } from '../utils/backup';
import { buildBackup } from '../utils/backup';
import { pubsubChannel } from '../utils/sync/channel';
import { checkNewsroomConfig, NewsroomConfigError, newsroomLabel, type NewsroomConfig } from '../utils/sync/newsroom';
import { pullNewsroom, type PulledNewsroom } from '../utils/sync/pull';
import { connect, isXmppError, PubSub, type WebSocketConstructor } from '../utils/sync/xmpp';

/**
 * The newsroom from the command line: sign in, read every item once, sign out. The password
 * comes from NEWSDESK_PASSWORD or a prompt on the terminal, never from an argument (arguments
 * show up in process lists and shell histories).
 */

export class NewsroomCliError extends Error {
  constructor(
    message: string,
    readonly kind: 'usage' | 'input',
  ) {
    super(message);
  }
}

export interface NewsroomArgs {
  service?: string | undefined;
  jid?: string | undefined;
  pubsub?: string | undefined;
  node?: string | undefined;
}

export interface NewsroomIo {
  env?: Readonly<Record<string, string | undefined>>;
  /** Ask for the password without echoing it; null when there is no terminal to ask on. */
  readPassword?: (prompt: string) => Promise<string | null>;
  stderr(text: string): void;
  WebSocket?: WebSocketConstructor;
}

export const PASSWORD_VARIABLE = 'NEWSDESK_PASSWORD';

function configOf(args: NewsroomArgs, nodeOption: string): NewsroomConfig {
  const missing = [['--service', args.service], ['--jid', args.jid], [nodeOption, args.node]].filter(([, v]) => !v).map(([name]) => name);
  if (missing.length) throw new NewsroomCliError(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required to reach the newsroom, e.g. --service wss://example.org/xmpp-websocket --jid editor@example.org ${nodeOption} xmpp-newsletter`, 'usage');
  try {
    return checkNewsroomConfig({ service: args.service!, jid: args.jid!, pubsub: args.pubsub ?? '', node: args.node! });
  } catch (error) {
    if (error instanceof NewsroomConfigError) throw new NewsroomCliError(error.message, 'input');
    throw error;
  }
}

async function passwordFor(config: NewsroomConfig, io: NewsroomIo): Promise<string> {
  const fromEnv = io.env?.[PASSWORD_VARIABLE];
  if (fromEnv) return fromEnv;
  const typed = (await io.readPassword?.(`Password for ${config.jid}: `)) ?? null;
  if (typed === null) throw new NewsroomCliError(`no password: set ${PASSWORD_VARIABLE} (or run in a terminal to be asked)`, 'usage');
  if (!typed) throw new NewsroomCliError('no password given', 'usage');
  return typed;
}

/** Read the whole newsroom once. */
export async function readNewsroom(args: NewsroomArgs, io: NewsroomIo, nodeOption = '--node', quiet = false): Promise<{ config: NewsroomConfig; pulled: PulledNewsroom }> {
  const config = configOf(args, nodeOption);
  const password = await passwordFor(config, io);
  let session;
  try {
    session = await connect({ service: config.service, jid: config.jid, password, WebSocket: io.WebSocket ?? (WebSocket as unknown as WebSocketConstructor), keepAliveMs: 0 });
  } catch (error) {
    throw new NewsroomCliError(error instanceof Error ? error.message : String(error), 'input');
  }
  try {
    const channel = pubsubChannel(new PubSub(session, config.pubsub), config.node);
    const pulled = await pullNewsroom(channel, {
      onProgress: (done, total) => {
        if (!quiet && total > 1_000) io.stderr(`Read ${done.toLocaleString('en')} of ${total.toLocaleString('en')} items…\n`);
      },
    });
    return { config, pulled };
  } catch (error) {
    if (isXmppError(error, 'forbidden')) throw new NewsroomCliError(`${config.jid} is not a member of the newsroom ${newsroomLabel(config)}; ask its editor to add you.`, 'input');
    if (isXmppError(error, 'item-not-found')) throw new NewsroomCliError(`The newsroom ${newsroomLabel(config)} does not exist.`, 'input');
    if (isXmppError(error)) throw new NewsroomCliError(error.message, 'input');
    throw error;
  } finally {
    await session.close();
  }
}

/** The newsroom's items as a backup (what `newsroom pull` writes, and what `export --newsroom` merges). */
export function newsroomAsBackup(config: NewsroomConfig, pulled: PulledNewsroom, now: Date): ParsedBackup {
  return {
    fileName: `the newsroom ${newsroomLabel(config)}`,
    rejected: [],
    backup: buildBackup({ items: pulled.items, newsletters: [], issueMeta: pulled.issueMeta, damaged: pulled.damaged, scope: { kind: 'all' }, exportedAt: now, exportedBy: config.jid }),
  };
}
