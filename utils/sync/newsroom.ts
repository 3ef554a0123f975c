import { z } from '../model/zod';
import { checkServiceUrl } from './xmpp/connection';
import { bareJid, parseJid } from './xmpp/jid';

/**
 * Which newsroom this browser (or a CLI run) belongs to: the server's WebSocket address, the
 * member's XMPP address, the PubSub service and the node. The password is kept apart from this
 * (utils/sync/credentials.ts): the configuration may be shown, the password never.
 */
export const newsroomConfigSchema = z.object({
  /** wss://example.org/xmpp-websocket (ws:// only on this computer). */
  service: z.string().min(1).max(2_000),
  /** The member's account, name@example.org. */
  jid: z.string().min(1).max(3_071),
  /** The PubSub service, e.g. pubsub.example.org. */
  pubsub: z.string().min(1).max(1_023),
  /** The newsroom's node on that service, e.g. xmpp-newsletter. */
  node: z.string().min(1).max(1_023),
});
export type NewsroomConfig = z.infer<typeof newsroomConfigSchema>;

export class NewsroomConfigError extends Error {
  override name = 'NewsroomConfigError';
}

/** The PubSub service a domain usually runs: pubsub.example.org. */
export function defaultPubsubService(jid: string): string {
  return `pubsub.${parseJid(jid).domain}`;
}

/**
 * A configuration as typed, checked and tidied (trimmed, bare address, default service), or a
 * NewsroomConfigError in plain words.
 */
export function checkNewsroomConfig(input: { service: string; jid: string; pubsub?: string; node: string }): NewsroomConfig {
  const service = input.service.trim();
  const node = input.node.trim();
  let jid: string;
  try {
    const parsed = parseJid(input.jid.trim());
    if (!parsed.local) throw new Error(`"${input.jid.trim()}" is not an account address (expected name@example.org).`);
    jid = bareJid(parsed);
  } catch (error) {
    throw new NewsroomConfigError(error instanceof Error ? error.message : String(error));
  }
  try {
    checkServiceUrl(service);
  } catch (error) {
    throw new NewsroomConfigError(error instanceof Error ? error.message : String(error));
  }
  const pubsub = (input.pubsub ?? '').trim() || defaultPubsubService(jid);
  try {
    if (parseJid(pubsub).local || parseJid(pubsub).resource) throw new Error();
  } catch {
    throw new NewsroomConfigError(`"${pubsub}" is not a PubSub service address (expected a domain like pubsub.example.org).`);
  }
  if (!node) throw new NewsroomConfigError('Name the newsroom’s node (the editor tells you, e.g. xmpp-newsletter).');
  const parsed = newsroomConfigSchema.safeParse({ service, jid, pubsub: pubsub.toLowerCase(), node });
  if (!parsed.success) throw new NewsroomConfigError(`This newsroom setting is too long: ${parsed.error.issues[0]?.path.join('.')}.`);
  return parsed.data;
}

/** “xmpp-newsletter” on pubsub.example.org */
export function newsroomLabel(config: Pick<NewsroomConfig, 'pubsub' | 'node'>): string {
  return `“${config.node}” on ${config.pubsub}`;
}

/** Where records kept aside came from, for the quarantine list. */
export function newsroomSource(config: Pick<NewsroomConfig, 'pubsub' | 'node'>): string {
  return `newsroom ${config.node} on ${config.pubsub}`;
}
