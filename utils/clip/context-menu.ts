import { browser, type Browser } from 'wxt/browser';
import { MENU_ITEMS, menuClipFor, PendingMenuClips, type MenuClick, type MenuClip } from './menu';

/**
 * The page's context menu: "Clip this page", "Clip selection", "Clip link". A click grants
 * activeTab for that tab (as a toolbar click does), so the popup that opens reads the page the
 * usual way; a link is clipped by its address and text and never opened.
 */

type Tab = Pick<Browser.tabs.Tab, 'id' | 'windowId'>;

export interface ClipMenu {
  readonly pending: PendingMenuClips;
  /** What the browser calls on a click; also callable from the service worker's console. */
  onClicked(info: MenuClick & { frameId?: number }, tab?: Tab): Promise<void>;
}

async function createItems(): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const { id, title, contexts, targetUrlPatterns } of MENU_ITEMS) {
    // Reading lastError keeps a failed create (an old browser) from being logged as unchecked.
    browser.contextMenus.create({ id, title, contexts, ...(targetUrlPatterns ? { targetUrlPatterns } : {}) }, () => void browser.runtime.lastError);
  }
}

/**
 * The text of the right-clicked link, read in the page (Chrome does not report it; Firefox
 * does, as linkText). Runs in the tab through activeTab; reads the DOM, fetches nothing.
 */
function linkTextInPage(href: string): string {
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
    if (a.href !== href) continue;
    const text = (a.innerText || a.textContent || '').replace(/\s+/g, ' ').trim()
      || a.querySelector('img[alt]')?.getAttribute('alt')?.trim()
      || a.getAttribute('aria-label')?.trim()
      || a.title.trim();
    if (text) return text.slice(0, 300);
  }
  return '';
}

async function withLinkText(clip: MenuClip, tabId: number, frameId: number | undefined): Promise<MenuClip> {
  if (clip.kind !== 'link' || clip.text) return clip;
  try {
    const [frame] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId ?? 0] },
      func: linkTextInPage,
      args: [clip.url],
    });
    return typeof frame?.result === 'string' ? { ...clip, text: frame.result } : clip;
  } catch {
    return clip; // the title falls back to the link's host
  }
}

/**
 * Open the review form for `tab`: the toolbar popup where the browser allows opening it from
 * an extension (Chrome 127+, Firefox from a menu click), else the same form in a small window.
 */
async function openReviewForm(tab: Tab & { id: number }): Promise<void> {
  try {
    // Called before any await: Firefox allows it only while handling the user's click.
    await browser.action.openPopup(tab.windowId === undefined ? undefined : { windowId: tab.windowId });
    return;
  } catch {
    // No popup possible here (no focused window, an older browser): a window shows the same form.
  }
  await browser.windows.create({ url: browser.runtime.getURL(`/popup.html?tab=${tab.id}`), type: 'popup', width: 440, height: 640 });
}

export function registerClipMenu(): ClipMenu {
  const pending = new PendingMenuClips();
  browser.runtime.onInstalled.addListener(() => void createItems());
  browser.runtime.onStartup.addListener(() => void createItems());

  async function onClicked(info: MenuClick & { frameId?: number }, tab?: Tab): Promise<void> {
    const clip = menuClipFor(info);
    if (!clip || tab?.id === undefined || tab.id < 0) return;
    pending.put(tab.id, withLinkText(clip, tab.id, info.frameId));
    await openReviewForm({ ...tab, id: tab.id });
  }
  browser.contextMenus.onClicked.addListener((info, tab) => void onClicked(info, tab));
  return { pending, onClicked };
}
