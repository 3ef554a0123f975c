import { browser, type Browser } from 'wxt/browser';
import type { MessageName, Reply, RequestOf, ResponseOf, WireError } from './protocol';

export type Handlers = {
  [K in MessageName]: (request: RequestOf<K>) => Promise<ResponseOf<K>>;
};

/**
 * Only the extension's own pages may ask: web pages cannot message us at all (no
 * externally_connectable) and content scripts run on page URLs, which this refuses.
 */
export function isTrustedSender(sender: Browser.runtime.MessageSender, extensionOrigin: string, extensionId: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

function isEnvelope(message: unknown, handlers: Handlers): message is { type: MessageName; request: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string' &&
    Object.hasOwn(handlers, (message as { type: string }).type)
  );
}

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const existing = (error as { existing?: WireError['existing'] }).existing;
    return { name: error.name, message: error.message, ...(existing ? { existing } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

export function serve(handlers: Handlers): void {
  const origin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: Reply<unknown>) => void) => {
    if (!isEnvelope(message, handlers) || !isTrustedSender(sender, origin, browser.runtime.id)) return false;
    const handler = handlers[message.type] as (request: unknown) => Promise<unknown>;
    handler(message.request).then(
      (value) => sendResponse({ ok: true, value }),
      (error: unknown) => {
        console.error(`Newsdesk: ${message.type} failed`, error);
        sendResponse({ ok: false, error: toWireError(error) });
      },
    );
    return true; // the reply comes asynchronously
  });
}
