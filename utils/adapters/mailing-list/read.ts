/**
 * A message in a mailing-list archive: subject, sender, the message text as the content. The
 * XSF editor's announcements ("LAST CALL: XEP-0377 (Blocking Command Reports)", "NEW: …",
 * "UPDATED: …") also give the XEP facts, so a Last Call can be filed and drafted from its
 * announcement, the address the newsletter links. Archive layouts are data (archives.json).
 */
import { normalizeDate } from '../../extract/dates';
import { clean, textWithBreaks } from '../../extract/text';
import type { PageAdapter, PageContext, Reading } from '../types';
import type { XepInfo } from '../xep/fields';
import data from './archives.json';
import type { MailInfo } from './fields';

interface Archive {
  archive: string;
  host?: string;
  path: string;
  subject: string[];
  body: string[];
  author: string[];
  date: string[];
}

const ARCHIVES = data.archives as Archive[];
const LIST_TAG = new RegExp(data.listTag, 'i');

interface Match {
  archive: Archive;
  list: string | null;
}

function archiveOf(location: URL | null): Match | null {
  if (!location) return null;
  for (const archive of ARCHIVES) {
    if (archive.host && !new RegExp(archive.host, 'i').test(location.hostname)) continue;
    const match = new RegExp(archive.path).exec(location.pathname);
    if (match) {
      const raw = match.groups?.['list'];
      let list: string | null = null;
      try {
        list = raw ? decodeURIComponent(raw) : null;
      } catch {
        list = raw ?? null;
      }
      return { archive, list };
    }
  }
  return null;
}

/** True for a single message's page in a known archive. */
export function isMailArchiveUrl(location: URL | null): boolean {
  return archiveOf(location) !== null;
}

function first(doc: Document, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = doc.querySelector(selector);
    if (el && clean(el.textContent)) return el;
  }
  return null;
}

/** "[Standards] Re: LAST CALL: XEP-0377 (…)" → "LAST CALL: XEP-0377 (…)". */
export function cleanSubject(subject: string): string {
  return clean(subject).replace(LIST_TAG, '').trim();
}

/** The editor's action words (tools/xeplib.py in xsf/xeps) and the status each one means. */
const ACTIONS: Readonly<Record<string, string | null>> = {
  NEW: 'Experimental',
  UPDATED: null,
  'LAST CALL': 'Proposed',
  STABLE: 'Stable',
  DRAFT: 'Stable',
  ACTIVE: 'Active',
  FINAL: 'Final',
  DEFERRED: 'Deferred',
  DEPRECATED: 'Deprecated',
  OBSOLETED: 'Obsolete',
  REJECT: 'Rejected',
  RETRACTED: 'Retracted',
};

const ANNOUNCEMENT = /^(NEW|UPDATED|LAST CALL|STABLE|DRAFT|ACTIVE|FINAL|DEFERRED|DEPRECATED|OBSOLETED|REJECT|RETRACTED):\s*XEP-(\d{4})\s*\((.+)\)\s*$/;

/** XEP facts from an editor's announcement: subject "ACTION: XEP-NNNN (Title)" and the body's fixed sentences. */
export function xepFromAnnouncement(subject: string, body: string, sentOn: string | null): XepInfo | null {
  const match = ANNOUNCEMENT.exec(subject);
  if (!match) return null;
  const [, action, number, title] = match;
  const text = clean(body);
  const version = /Version (\S+) of XEP-\d{4}/.exec(text)?.[1]?.replace(/\.$/, '') ?? null;
  const abstract = /Abstract:\s*(.+?)\s*(?:Changelog:|URL:|This Last Call)/.exec(text)?.[1] ?? null;
  const changelog = /Changelog:\s*(.+?)\s*URL:/.exec(text)?.[1] ?? null;
  const credited = changelog ? /^(.*?)\s*\(([^()]*(?:\([^()]*\))?[^()]*)\)$/.exec(changelog) : null;
  const remark = credited?.[1] ?? changelog;
  const initials = credited?.[2] ?? null;
  const status = ACTIONS[action!] ?? null;
  const lastCallEnds = /close of business on (\d{4}-\d{2}-\d{2})/.exec(text)?.[1] ?? null;
  const seeHistory = remark !== null && /^\(?see in-document revision history\)?$/i.test(remark);
  return {
    number: number!,
    title: title!,
    version,
    status,
    abstract,
    lastUpdated: sentOn,
    changes: remark && !seeHistory ? [remark] : [],
    initials,
    revisions: version
      ? [{ version, date: sentOn, initials, remarks: remark && !seeHistory ? [remark] : [], statusChange: action === 'UPDATED' || action === 'LAST CALL' ? null : status }]
      : [],
    lastCallEnds,
    lastCallBegins: action === 'LAST CALL' ? sentOn : null,
  };
}

function readMessage(page: PageContext, match: Match): Reading {
  const { doc } = page;
  const subjectEl = first(doc, match.archive.subject);
  const subject = cleanSubject(subjectEl ? textWithBreaks(subjectEl) : page.title);
  const body = first(doc, match.archive.body);
  const author = page.meta.authors.length === 0 ? clean(first(doc, match.archive.author)?.textContent) : '';
  const dateEl = first(doc, match.archive.date);
  // The archive's date of the message beats anything the page's chrome shows near the subject.
  const date = normalizeDate(dateEl?.getAttribute('datetime') ?? clean(textWithBreaks(dateEl))) ?? page.meta.publishedAt;
  const mail: MailInfo = { list: match.list, subject, archive: match.archive.archive };
  const xep = xepFromAnnouncement(subject, textWithBreaks(body), date?.slice(0, 10) ?? null);
  return {
    mail,
    xep,
    title: subject || page.title,
    contentRoot: body,
    publishedAt: date,
    authors: author && author.length <= 80 ? { names: [author.replace(/\s+at\s+/i, '@')], source: 'html' } : null,
  };
}

export const mailingList: PageAdapter = {
  id: 'mailing-list',
  kind: 'mailing-list',
  detect: (page) => archiveOf(page.location) !== null,
  read: (page) => {
    const match = archiveOf(page.location);
    return match ? readMessage(page, match) : null;
  },
};
