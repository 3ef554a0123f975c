import type { SectionSuggestion } from '../categorize/suggest';
import type { DraftProblem } from '../export/draft';
import type { PageCapture } from '../model/capture';
import type { NewsItem } from '../model/item';
import type { ClipInput, SaveMode } from '../storage/items';
import type { StorageStatus } from '../storage/persistence';
import type { NewsroomConfig } from '../sync/newsroom';
import type { NewsroomStatus } from '../sync/status';

/**
 * Every message between the popup and the background, declared once. The popup does not load
 * Dexie (its first-load budget), so the background reads the page, drafts and saves for it;
 * the Desk and the options page use utils/storage directly.
 */

export interface SectionOption {
  id: string;
  /** "Software News › Clients" */
  path: string;
}

/** An issue and section the page already appeared in, in words for the popup. */
export interface CoveredAt {
  issue: string;
  /** "XMPP Software News › Clients" */
  section: string;
  /** Who clipped it ('' for an issue read from the archive). */
  contributor: string;
  archived: boolean;
}

export interface ClipPreparation {
  /** False when the page could not be read; `capture` then holds only the tab's title and URL. */
  readable: boolean;
  /** Why the page could not be read, in plain words. */
  problem: string | null;
  capture: PageCapture;
  newsletter: string;
  sections: SectionOption[];
  suggestion: SectionSuggestion;
  entry: string;
  issue: string;
  /** The item already saved for this canonical URL in this issue, if any (clipped here or arrived from the newsroom). */
  existing: NewsItem | null;
  /** Where else the page appeared: in past issues (imported from the archive) or another issue's items, newest first. */
  covered: CoveredAt[];
  /** Who clipped the existing item, in words: their name and, when the newsroom said, their address. */
  existingBy: string | null;
  contributor: string;
}

export interface DraftExport {
  markdown: string;
  fileName: string;
  count: number;
  /** Records of the issue that could not be read (shown in the Desk). */
  damaged: number;
  /** Items the draft could not include as written (a TODO line stands in their place). */
  problems: DraftProblem[];
}

/** The newsroom as the pages see it (never the password). */
export interface NewsroomReport {
  joined: boolean;
  config?: NewsroomConfig;
  status: NewsroomStatus;
  /** `statusLine(status)`: what every page shows. */
  line: string;
  /** Items that cannot be shared, in one sentence, or null. */
  problems: string | null;
}

export interface NewsroomMember {
  jid: string;
  affiliation: string;
}

export interface Protocol {
  'clip.prepare': { request: { tabId: number; url: string; title: string }; response: ClipPreparation };
  'clip.redraft': { request: { capture: PageCapture; newsletter: string; section: string }; response: string };
  /** Saves the clip; `notices` say what page text was shortened to fit. */
  'clip.save': { request: { input: ClipInput; mode: SaveMode; suggested: string }; response: { item: NewsItem; notices: string[] } };
  'export.draft': { request: { newsletter: string; issue: string }; response: DraftExport };
  /** What is stored, whether the browser keeps it, and the end-of-period backup reminder. */
  'storage.status': { request: null; response: StorageStatus };
  /** The newsroom's status (the popup shows `line`). */
  'newsroom.status': { request: null; response: NewsroomReport };
  /** Join (the password is kept in the extension's local storage only). */
  'newsroom.join': { request: { service: string; jid: string; pubsub: string; node: string; password: string }; response: NewsroomReport };
  'newsroom.leave': { request: null; response: NewsroomReport };
  /** Reconnect now instead of waiting. */
  'newsroom.retry': { request: null; response: NewsroomReport };
  /** The editor's tasks: create the node; list, add and remove contributors. */
  'newsroom.create': { request: null; response: { message: string } };
  'newsroom.members': { request: null; response: NewsroomMember[] };
  'newsroom.setMember': { request: { jid: string; member: boolean }; response: NewsroomMember[] };
}

export type MessageName = keyof Protocol;
export type RequestOf<K extends MessageName> = Protocol[K]['request'];
export type ResponseOf<K extends MessageName> = Protocol[K]['response'];

export interface Envelope<K extends MessageName = MessageName> {
  type: K;
  request: RequestOf<K>;
}

/** Errors cross as data and are rethrown on the other side with the same name and message. */
export interface WireError {
  name: string;
  message: string;
  /** For DuplicateError: the item already stored. */
  existing?: NewsItem;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: WireError };
