import { browser } from 'wxt/browser';
import type { NewsItem } from '../model/item';
import type { Envelope, MessageName, Reply, RequestOf, ResponseOf } from './protocol';

/** An error raised by the background, rethrown in the page that asked. */
export class RemoteError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly existing?: NewsItem,
  ) {
    super(message);
  }
}

/** Ask the background. Rejects with RemoteError carrying the background's own words. */
export async function call<K extends MessageName>(type: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { type, request };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new RemoteError('NoReply', 'Newsdesk’s background did not answer. Reload the extension and try again.');
  if (!reply.ok) throw new RemoteError(reply.error.name, reply.error.message, reply.error.existing);
  return reply.value;
}
