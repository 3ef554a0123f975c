import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerClipMenu } from '../../../utils/clip/context-menu';
import { LINK_NOTICE, MENU_ITEMS, menuClipFor, PendingMenuClips, selectionMarkdown } from '../../../utils/clip/menu';
import { createHandlers } from '../../../utils/clip/service';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { makeCapture } from '../../support/capture';
import { openTestDb } from '../../support/db';

/**
 * The context menu: what each item asks for, how a click reaches the review form (the popup,
 * else a window with the same form), and what the background prepares for it.
 */

describe('menu clicks', () => {
  it('offers the three items, the link one only for web links', () => {
    expect(MENU_ITEMS.map((i) => [i.id, i.title, i.contexts])).toEqual([
      ['clip-page', 'Clip this page', ['page']],
      ['clip-selection', 'Clip selection', ['selection']],
      ['clip-link', 'Clip link', ['link']],
    ]);
    expect(MENU_ITEMS.find((i) => i.id === 'clip-link')?.targetUrlPatterns).toEqual(['http://*/*', 'https://*/*']);
  });

  it('turns a click into the clip it asks for', () => {
    expect(menuClipFor({ menuItemId: 'clip-page' })).toEqual({ kind: 'page' });
    expect(menuClipFor({ menuItemId: 'clip-selection', selectionText: 'Some words' })).toEqual({ kind: 'selection', text: 'Some words' });
    expect(menuClipFor({ menuItemId: 'clip-link', linkUrl: 'https://dino.im/', linkText: '  Dino\n 0.5 ' })).toEqual({ kind: 'link', url: 'https://dino.im/', text: 'Dino 0.5' });
    expect(menuClipFor({ menuItemId: 'clip-link' })).toBeNull();
    expect(menuClipFor({ menuItemId: 'someone-else' })).toBeNull();
  });

  it('escapes the selection as Markdown text, keeping paragraphs', () => {
    expect(selectionMarkdown('First *bold* [link](x)\n\n {{< shortcode >}} second')).toBe('First \\*bold\\* \\[link\\](x)\n\n&#123;{\\< shortcode \\>}} second');
    expect(selectionMarkdown('  \n ')).toBeNull();
  });

  it('hands each tab’s pending clip to one popup, within a minute', async () => {
    let now = 0;
    const pending = new PendingMenuClips(() => now);
    pending.put(7, Promise.resolve({ kind: 'page' }));
    expect(pending.take(8)).toBeNull();
    expect(await pending.take(7)).toEqual({ kind: 'page' });
    expect(pending.take(7)).toBeNull();
    pending.put(7, Promise.resolve({ kind: 'page' }));
    now = 61_000;
    expect(pending.take(7)).toBeNull();
  });
});

describe('the menu in the background', () => {
  afterEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  function fakeMenus() {
    const clicked: Array<(info: object, tab?: object) => void> = [];
    const created: object[] = [];
    Object.assign(fakeBrowser, {
      contextMenus: {
        removeAll: async () => {},
        create: (props: object) => created.push(props),
        onClicked: { addListener: (fn: (info: object, tab?: object) => void) => clicked.push(fn) },
      },
    });
    return { clicked, created };
  }

  it('creates its items on install and opens the popup on a click, with the clip waiting for that tab', async () => {
    const { created } = fakeMenus();
    const openPopup = vi.fn(async () => {});
    Object.assign(fakeBrowser.action, { openPopup });
    const menu = registerClipMenu();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', });
    expect(created.map((c) => (c as { id: string }).id)).toEqual(['clip-page', 'clip-selection', 'clip-link']);

    await menu.onClicked({ menuItemId: 'clip-link', linkUrl: 'https://dino.im/blog/', linkText: 'Dino blog' }, { id: 4, windowId: 2 });
    expect(openPopup).toHaveBeenCalledWith({ windowId: 2 });
    expect(await menu.pending.take(4)).toEqual({ kind: 'link', url: 'https://dino.im/blog/', text: 'Dino blog' });
  });

  it('opens the same form in a small window for the tab when the browser cannot show the popup', async () => {
    fakeMenus();
    Object.assign(fakeBrowser.action, { openPopup: async () => Promise.reject(new Error('no focused window')) });
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    const menu = registerClipMenu();
    await menu.onClicked({ menuItemId: 'clip-page' }, { id: 9, windowId: 1 });
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringMatching(/\/popup\.html\?tab=9$/), type: 'popup' }));
  });
});

describe('preparing a clip after a menu click', () => {
  let db: NewsdeskDb | undefined;
  afterEach(() => db?.close());

  function handlersWith(menu: Parameters<typeof menuClipFor>[0] | null, extracted = makeCapture()) {
    db = openTestDb();
    const reads: number[] = [];
    const clip = menu ? menuClipFor(menu) : null;
    const handlers = createHandlers({
      db,
      env: { now: () => Date.parse('2023-10-29T10:00:00Z') },
      extract: async (tabId) => {
        reads.push(tabId);
        return { ok: true, capture: extracted };
      },
      menuClip: () => (clip ? Promise.resolve(clip) : null),
    });
    return { handlers, reads };
  }

  it('"Clip link": drafts from the link’s address and text through the fallback, and never reads the page', async () => {
    const { handlers, reads } = handlersWith({ menuItemId: 'clip-link', linkUrl: 'https://dino.im/blog/2023/dino-0.5/?utm_source=feed', linkText: 'Dino 0.5 released' });
    const prep = await handlers['clip.prepare']({ tabId: 3, url: 'https://news.example/roundup/', title: 'Roundup' });
    expect(reads).toEqual([]);
    expect(prep.readable).toBe(false);
    expect(prep.problem).toBe(LINK_NOTICE);
    expect(prep.capture).toMatchObject({ title: 'Dino 0.5 released', canonicalUrl: 'https://dino.im/blog/2023/dino-0.5/', contentMarkdown: '' });
    expect(prep.entry).toBe('[Dino 0.5 released](https://dino.im/blog/2023/dino-0.5/).');
  });

  it('"Clip selection": the browser’s selection text when the page reading found none', async () => {
    const { handlers } = handlersWith({ menuItemId: 'clip-selection', selectionText: 'Gajim now supports message moderation in group chats.' }, makeCapture({ selectionMarkdown: null }));
    const prep = await handlers['clip.prepare']({ tabId: 3, url: 'https://gajim.org/post/x/', title: '' });
    expect(prep.capture.selectionMarkdown).toBe('Gajim now supports message moderation in group chats.');
    expect(prep.entry).toContain('message moderation');
  });

  it('"Clip selection": the page’s own reading of the selection wins (it keeps links and lists)', async () => {
    const { handlers } = handlersWith({ menuItemId: 'clip-selection', selectionText: 'plain text' }, makeCapture({ selectionMarkdown: 'From the page, with a [link](https://gajim.org/).' }));
    const prep = await handlers['clip.prepare']({ tabId: 3, url: 'https://gajim.org/post/x/', title: '' });
    expect(prep.capture.selectionMarkdown).toBe('From the page, with a [link](https://gajim.org/).');
  });

  it('without a menu click, clips the page as before', async () => {
    const { handlers, reads } = handlersWith(null);
    const prep = await handlers['clip.prepare']({ tabId: 3, url: 'https://gajim.org/post/x/', title: '' });
    expect(reads).toEqual([3]);
    expect(prep.readable).toBe(true);
  });
});
