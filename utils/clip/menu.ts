import { escapeInline } from '../markdown/escape';

/**
 * The context menu's "Clip …" items and what a click on one asks the popup to clip. Pure: the
 * browser side (registering, opening the popup, reading a link's text) is utils/clip/context-menu.ts.
 */

export type MenuItemId = 'clip-page' | 'clip-selection' | 'clip-link';

export interface MenuItem {
  id: MenuItemId;
  title: string;
  contexts: ['page'] | ['selection'] | ['link'];
  /** Only links a newsletter can point to (no javascript:, mailto: or file links). */
  targetUrlPatterns?: string[];
}

export const MENU_ITEMS: readonly MenuItem[] = [
  { id: 'clip-page', title: 'Clip this page', contexts: ['page'] },
  { id: 'clip-selection', title: 'Clip selection', contexts: ['selection'] },
  { id: 'clip-link', title: 'Clip link', contexts: ['link'], targetUrlPatterns: ['http://*/*', 'https://*/*'] },
];

/** What the review form clips after a menu click. */
export type MenuClip =
  | { kind: 'page' }
  /** The selection as the browser reported it (used when the page's own reading finds none). */
  | { kind: 'selection'; text: string }
  /** A link on the page, by its address and text: Newsdesk never opens it. */
  | { kind: 'link'; url: string; text: string };

/** The fields of a menu click Newsdesk reads (Chrome's OnClickData; Firefox adds linkText). */
export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
  linkText?: string;
}

/** The clip a click asks for; null for an item that is not Newsdesk's or a link without an address. */
export function menuClipFor(click: MenuClick): MenuClip | null {
  switch (click.menuItemId) {
    case 'clip-page':
      return { kind: 'page' };
    case 'clip-selection':
      return { kind: 'selection', text: click.selectionText ?? '' };
    case 'clip-link':
      return click.linkUrl ? { kind: 'link', url: click.linkUrl, text: (click.linkText ?? '').replace(/\s+/g, ' ').trim() } : null;
    default:
      return null;
  }
}

/** Why a clip from a link has only its address and text (shown above the form). */
export const LINK_NOTICE = 'Clipped from a link: Newsdesk did not open it, so it knows only the link’s address and text.';

/**
 * The browser's selection text as Markdown: paragraphs kept, each escaped so page text cannot
 * become a link, emphasis or a Hugo shortcode. Null when nothing is selected.
 */
export function selectionMarkdown(text: string): string | null {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => escapeInline(p))
    .filter(Boolean);
  return paragraphs.length ? paragraphs.join('\n\n') : null;
}

const PENDING_MS = 60_000;

/**
 * Menu clicks waiting for their review form, by tab. The popup opened by the click asks for its
 * tab's clip once; an entry no popup claimed within a minute is dropped, so a later toolbar
 * click on that tab clips the page as usual.
 */
export class PendingMenuClips {
  readonly #byTab = new Map<number, { at: number; clip: Promise<MenuClip> }>();

  constructor(private readonly now: () => number = Date.now) {}

  put(tabId: number, clip: Promise<MenuClip>): void {
    this.#byTab.set(tabId, { at: this.now(), clip });
  }

  /** The tab's pending clip, removed; null when there is none or it is stale. */
  take(tabId: number): Promise<MenuClip> | null {
    const pending = this.#byTab.get(tabId);
    this.#byTab.delete(tabId);
    return pending && this.now() - pending.at <= PENDING_MS ? pending.clip : null;
  }
}
