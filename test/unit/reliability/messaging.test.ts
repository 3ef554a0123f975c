import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser, type Browser } from 'wxt/browser';
import type { Handlers } from '../../../utils/messages/server';
import { isTrustedSender, serve } from '../../../utils/messages/server';
import { writeFigures } from './report';

/**
 * Only the extension's own pages may talk to the background. A web page cannot message it at
 * all (no externally_connectable; the browser test shows that), and a content script —
 * ours or a compromised page's — sends with the page's URL, which is refused here.
 */

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

const forged: Array<[string, Browser.runtime.MessageSender]> = [
  ['content script in a web page', { id: ID, url: 'https://evil.example/page', tab: { id: 3 } as Browser.tabs.Tab, frameId: 0 }],
  ['content script in a subframe', { id: ID, url: 'https://evil.example/frame', tab: { id: 3 } as Browser.tabs.Tab, frameId: 7 }],
  ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/popup.html' }],
  ['another extension claiming our origin in its path', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/${ORIGIN}` }],
  ['our id, a look-alike origin', { id: ID, url: `chrome-extension://${ID}.evil.example/popup.html` }],
  ['our id, no URL', { id: ID }],
  ['no id at all', { url: `${ORIGIN}popup.html` }],
  ['a data: URL', { id: ID, url: `data:text/html,${ORIGIN}` }],
  ['a file page', { id: ID, url: 'file:///home/me/page.html' }],
];

let refused = 0;

describe('who may talk to the background', () => {
  afterAll(() => {
    writeFigures('messaging', { title: 'messages from untrusted senders', figures: { forgedSenders: forged.length * 2, answered: 0, refused } });
  });

  it('trusts the extension’s own pages', () => {
    expect(isTrustedSender({ id: ID, url: `${ORIGIN}popup.html` }, ORIGIN, ID)).toBe(true);
    expect(isTrustedSender({ id: ID, url: `${ORIGIN}export.html?issue=2023-10` }, ORIGIN, ID)).toBe(true);
  });

  for (const [name, sender] of forged) {
    it(`refuses ${name}`, () => {
      expect(isTrustedSender(sender, ORIGIN, ID)).toBe(false);
    });
  }

  describe('serve()', () => {
    const calls: string[] = [];
    const handler = (name: string) => async () => {
      calls.push(name);
      return [{ id: 'secret-item' }];
    };
    // Two real handlers stand for all: the check runs before any handler is chosen.
    const handlers = { 'issue.items': handler('issue.items'), 'item.remove': handler('item.remove') } as unknown as Handlers;

    beforeEach(() => {
      fakeBrowser.reset();
      calls.length = 0;
    });

    /** Deliver a message as the browser would; resolves with the reply, or null if none came. */
    async function deliver(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> {
      return new Promise((resolve) => {
        let answered = false;
        const results = fakeBrowser.runtime.onMessage.trigger(message, sender, (reply: unknown) => {
          answered = true;
          resolve(reply);
        });
        void Promise.resolve(results).then((r: unknown) => {
          const kept = Array.isArray(r) ? r.some((x) => x === true) : r === true;
          if (!kept && !answered) resolve(null);
        });
      });
    }

    it('answers the extension’s page and ignores every forged sender, reading and writing nothing', async () => {
      serve(handlers);
      const origin = browser.runtime.getURL('/');
      const id = browser.runtime.id;
      const ours = await deliver({ type: 'issue.items', request: { newsletter: 'xmpp', issue: '2023-10' } }, { id, url: `${origin}popup.html` });
      expect(ours).toEqual({ ok: true, value: [{ id: 'secret-item' }] });
      expect(calls).toEqual(['issue.items']);

      calls.length = 0;
      for (const [, sender] of forged) {
        const fixed = { ...sender, id: sender.id === ID ? id : sender.id, url: sender.url?.replace(ORIGIN, origin) };
        if (fixed.id === id && fixed.url?.startsWith(origin)) continue; // (only for the look-alike rewrite)
        for (const type of ['issue.items', 'item.remove'] as const) {
          const reply = await deliver({ type, request: { newsletter: 'xmpp', issue: '2023-10', id: 'x' } }, fixed);
          expect(reply).toBeNull();
          refused += 1;
        }
      }
      expect(calls).toEqual([]);
    });

    it('ignores messages that are not an envelope of a known type (inherited names included)', async () => {
      serve(handlers);
      const sender = { id: browser.runtime.id, url: `${browser.runtime.getURL('/')}popup.html` };
      for (const message of [null, 'issue.items', 42, { type: 42 }, { type: '__proto__' }, { type: 'constructor' }, { type: 'toString' }, { type: 'settings.set' }]) {
        expect(await deliver(message, sender)).toBeNull();
      }
      expect(calls).toEqual([]);
    });
  });
});
