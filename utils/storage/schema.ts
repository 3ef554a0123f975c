import Dexie, { type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import { hlcTime, legacyHlc, MAX_SKEW_MS } from '../model/hlc';
import type { IssueMeta } from '../model/issue-meta';
import type { NewsItem } from '../model/item';
import type { NewsletterPreset } from '../presets/types';

/**
 * The one Dexie database of Newsdesk. Every schema change is a new entry in SCHEMA_VERSIONS
 * with an upgrade that carries every existing record over; test/unit/storage/migrations.test.ts
 * opens a database at each earlier version with data in it and upgrades it.
 */

export const DB_NAME = 'newsdesk';

export interface SettingRecord {
  key: string;
  value: string;
}

/**
 * What the user chose before: a site or a project filed under a section; or what the
 * newsletter wrote about a project (its home page and description, learned from entries).
 */
export interface MemoryRecord {
  /** `${newsletter}|site|${host}`, `${newsletter}|project|${lower-case name}` or `${newsletter}|about|${lower-case name}` */
  key: string;
  /** The section ('' for an "about" record). */
  section: string;
  updatedAt: string;
  homepage?: string | null;
  description?: string | null;
}

/**
 * A record kept aside, never thrown away: an imported version whose clock is far ahead, a
 * record of a backup that could not be read, a damaged stored record an import replaced.
 * The options page lists them; the user can download them or try them again.
 */
export interface QuarantineRecord {
  key?: number;
  kind: 'held-back' | 'unreadable';
  record: unknown;
  reasons: string[];
  /** Where it came from: a file name, "this browser", later "newsroom". */
  source: string;
  /** ISO 8601 */
  keptAt: string;
}

/**
 * A change waiting to be sent to the newsroom: one row per item (the item's current version is
 * what is sent), written in the same transaction as the change itself, so an edit made while
 * offline or while the background sleeps is sent later and a restart loses nothing.
 */
export interface OutboxRecord {
  /** The item's id, or an issue's metadata as `issue-meta:<newsletter>|<issue>` (utils/model/issue-meta.ts). */
  id: string;
  /** Changes with every (re)queueing: a send removes the row only if nothing was queued since. */
  seq: string;
  /** Stamp of the version queued (for messages; the current version is what is sent). */
  hlc: string;
  /** ISO 8601; oldest are sent first. */
  queuedAt: string;
  /** Why it cannot be sent (too large for the server): kept, shown, retried once the item changes. */
  problem?: string;
}

/**
 * Who sent an item's current version to the newsroom, as the server says (its `publisher`,
 * which a member cannot forge). Local knowledge, never synced or backed up.
 */
export interface SenderRecord {
  /** The item's id. */
  id: string;
  /** Stamp of the version that member sent. */
  hlc: string;
  /** Bare XMPP address. */
  jid: string;
  /** Who sent the first version this browser saw of an item it did not have (the clipper, for a new item). */
  firstJid?: string;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<unknown>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    // First prototype: items by month, no newsletter/status/position yet.
    version: 1,
    stores: {
      items: 'id, canonicalUrl, issue, section, updatedAt',
      settings: 'key',
    },
  },
  {
    // Several newsletters, ordering within a section, ready/excluded status, and the
    // category memory.
    version: 2,
    stores: {
      items: 'id, canonicalUrl, [newsletter+issue], updatedAt',
      settings: 'key',
      memory: 'key',
    },
    upgrade: (tx) =>
      tx
        .table('items')
        .toCollection()
        .modify((item: Partial<NewsItem> & { createdAt: string }) => {
          item.newsletter ??= 'xmpp';
          item.status ??= 'draft';
          item.position ??= Date.parse(item.createdAt) || 0;
          item.video ??= null;
          item.event ??= null;
        }),
  },
  {
    // Newsletters the user defined (or imported), validated on every read.
    version: 3,
    stores: {
      items: 'id, canonicalUrl, [newsletter+issue], updatedAt',
      settings: 'key',
      memory: 'key',
      newsletters: 'id',
    },
  },
  {
    // Tombstones by issue, so issue counts come from indexes alone: a null deletedAt is not a
    // valid key, so live items are simply absent from this index. No data changes.
    version: 4,
    stores: {
      items: 'id, canonicalUrl, [newsletter+issue], [newsletter+issue+deletedAt], updatedAt',
      settings: 'key',
      memory: 'key',
      newsletters: 'id',
    },
  },
  {
    // Clock stamps for merging and sync (hlc, updatedBy, ancestors, history), and the
    // quarantine. Existing items are stamped from their own updatedAt, so two browsers that
    // upgrade the same item give it the same stamp. A damaged record is left as it is: reads
    // validate and show it.
    version: 5,
    stores: {
      items: 'id, canonicalUrl, [newsletter+issue], [newsletter+issue+deletedAt], updatedAt',
      settings: 'key',
      memory: 'key',
      newsletters: 'id',
      quarantine: '++key, kind',
    },
    upgrade: (tx) =>
      tx
        .table('items')
        .toCollection()
        .modify((item: Record<string, unknown>) => {
          if (typeof item.hlc === 'string' || typeof item.updatedAt !== 'string' || Number.isNaN(Date.parse(item.updatedAt))) return;
          // A time far in the future (a wrong clock, a forged backup) is not carried into the
          // clock: it would win every merge forever. It becomes the time of the upgrade.
          const when = Date.parse(item.updatedAt) > Date.now() + MAX_SKEW_MS ? new Date().toISOString() : item.updatedAt;
          const hlc = legacyHlc(when, 'v4');
          const updatedAt = hlcTime(hlc);
          item.hlc = hlc;
          item.updatedAt = updatedAt;
          // Nothing was created or deleted after its last change.
          if (typeof item.deletedAt === 'string' && item.deletedAt > updatedAt) item.deletedAt = updatedAt;
          if (typeof item.createdAt === 'string' && item.createdAt > updatedAt) item.createdAt = updatedAt;
          item.updatedBy = typeof item.contributor === 'string' ? item.contributor : '';
          item.ancestors = [];
          item.history = [];
        }),
  },
  {
    // The shared newsroom: changes waiting to be sent (outbox) and who sent what (senders).
    // Both start empty: the first catch-up with a newsroom compares every item with it.
    version: 6,
    stores: {
      items: 'id, canonicalUrl, [newsletter+issue], [newsletter+issue+deletedAt], updatedAt',
      settings: 'key',
      memory: 'key',
      newsletters: 'id',
      quarantine: '++key, kind',
      outbox: 'id, queuedAt',
      senders: 'id',
    },
  },
  {
    // What an issue has beyond its items (teaser, extra contributors, occasional blocks), one
    // record per newsletter and issue, stamped and merged like items. Starts empty.
    version: 7,
    stores: {
      items: 'id, canonicalUrl, [newsletter+issue], [newsletter+issue+deletedAt], updatedAt',
      settings: 'key',
      memory: 'key',
      newsletters: 'id',
      quarantine: '++key, kind',
      outbox: 'id, queuedAt',
      senders: 'id',
      issueMeta: 'key',
    },
  },
];

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

export class NewsdeskDb extends Dexie {
  items!: EntityTable<NewsItem, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  memory!: EntityTable<MemoryRecord, 'key'>;
  /** User-defined newsletters as stored; read them through utils/storage/newsletters.ts. */
  newsletters!: EntityTable<NewsletterPreset, 'id'>;
  quarantine!: EntityTable<QuarantineRecord, 'key'>;
  outbox!: EntityTable<OutboxRecord, 'id'>;
  senders!: EntityTable<SenderRecord, 'id'>;
  /** Issue metadata; written only through utils/storage/writer.ts (stamped), read validated. */
  issueMeta!: EntityTable<IssueMeta, 'key'>;

  /** `upTo` opens an older schema; only tests of the upgrades use it. */
  constructor(name: string = DB_NAME, options?: DexieOptions, upTo: number = CURRENT_VERSION) {
    super(name, options);
    for (const v of SCHEMA_VERSIONS) {
      if (v.version > upTo) break;
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}
