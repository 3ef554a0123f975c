import type { SectionSuggestion } from '../categorize/suggest';
import type { DraftProblem } from '../export/draft';
import type { PageCapture } from '../model/capture';
import type { NewsItem } from '../model/item';
import type { ClipInput, ItemPatch, SaveMode } from '../storage/collection';
import type { Settings } from '../storage/settings';
import type { StorageStatus } from '../storage/persistence';
import type { BackupScope } from '../backup/format';
import type { ImportReport } from '../backup/report';
import type { NewsletterSummary } from '../presets';
import type { NewsletterPreset } from '../presets/types';

/**
 * Every message between the extension's pages and its background, declared once. The
 * background owns storage, injection and drafting; pages only render and ask.
 */

export interface SectionOption {
  id: string;
  /** "Software News › Clients" */
  path: string;
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
  /** The item already saved for this canonical URL, if any. */
  existing: NewsItem | null;
  contributor: string;
}

export interface DraftExport {
  markdown: string;
  fileName: string;
  count: number;
  /** Items the draft could not include as written (a TODO line stands in their place). */
  problems: DraftProblem[];
}

export interface Protocol {
  'clip.prepare': { request: { tabId: number; url: string; title: string }; response: ClipPreparation };
  'clip.redraft': { request: { capture: PageCapture; newsletter: string; section: string }; response: string };
  'clip.save': { request: { input: ClipInput; mode: SaveMode; suggested: string }; response: NewsItem };
  'issues.list': { request: { newsletter: string }; response: Array<{ issue: string; count: number }> };
  'issue.items': { request: { newsletter: string; issue: string }; response: NewsItem[] };
  'item.update': { request: { id: string; patch: ItemPatch }; response: NewsItem };
  'item.remove': { request: { id: string }; response: null };
  'item.restore': { request: { id: string }; response: null };
  'export.draft': { request: { newsletter: string; issue: string }; response: DraftExport };
  'sections.list': { request: { newsletter: string }; response: SectionOption[] };
  'newsletters.list': { request: null; response: NewsletterSummary[] };
  'newsletter.get': { request: { id: string }; response: NewsletterPreset };
  /** Create or replace one of the user's newsletters (validated in the background). */
  'newsletter.save': { request: { newsletter: NewsletterPreset }; response: NewsletterPreset };
  'newsletter.delete': { request: { id: string }; response: null };
  /** The backup file's text and name; the page downloads it (no downloads permission). */
  'backup.export': { request: { scope: BackupScope }; response: { json: string; fileName: string } };
  /** What importing the file's text would do; writes nothing. */
  'backup.preview': { request: { json: string }; response: ImportReport };
  /** Import the file's text in one transaction; returns what was done. */
  'backup.import': { request: { json: string }; response: ImportReport };
  /** What is stored, whether the browser keeps it, and the end-of-period backup reminder. */
  'storage.status': { request: null; response: StorageStatus };
  'settings.get': { request: null; response: Settings };
  'settings.set': { request: Partial<Settings>; response: Settings };
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
